/**
 * Queue names, payloads and default options. Imported by the app (producer) and by
 * jobs/worker.ts (consumer); nothing here calls .process(). Jobs carry only ids: the
 * state a person sees lives in a database row (see docs/decisions/003-jobs.md).
 */
import Queue from "bull";
import { z } from "zod";
import { env } from "../app/utils/env.server";
import { onShutdown } from "../app/utils/shutdown.server";
import { singleton } from "../app/utils/singleton.server";

export const EmailJobSchema = z.object({ emailId: z.string().uuid() });
export type EmailJob = z.infer<typeof EmailJobSchema>;

export const BulkEnrolmentJobSchema = z.object({ batchId: z.string().uuid() });
export type BulkEnrolmentJob = z.infer<typeof BulkEnrolmentJobSchema>;

export const DecisionBatchJobSchema = z.object({ batchId: z.string().uuid() });
export type DecisionBatchJob = z.infer<typeof DecisionBatchJobSchema>;

export const CertificateJobSchema = z.object({ certificateId: z.string().uuid() });
export type CertificateJob = z.infer<typeof CertificateJobSchema>;

export const QUEUE_NAMES = ["emails", "bulk-enrolments", "certificates", "decision-batches"] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export const EMAIL_ATTEMPTS = 5;
/** A batch resumes where it stopped, so a retry only repeats the chunk that failed. */
export const BULK_ENROLMENT_ATTEMPTS = 3;

export function emailsQueue() {
  return singleton("queue:emails", () => {
    const queue = new Queue<EmailJob>("emails", env().REDIS_URL, {
      defaultJobOptions: {
        attempts: EMAIL_ATTEMPTS,
        backoff: { type: "exponential", delay: 5_000 },
        removeOnComplete: 1000,
        removeOnFail: 5000,
      },
    });
    onShutdown("queue:emails", () => queue.close());
    return queue;
  });
}

/** The job id is the row id, so enqueuing the same email twice while queued is a no-op. */
export async function enqueueEmail(emailId: string) {
  await emailsQueue().add(EmailJobSchema.parse({ emailId }), { jobId: emailId });
}

/** Many emails at once (bulk enrolment): one round trip to Redis. */
export async function enqueueEmails(emailIds: string[]) {
  for (let i = 0; i < emailIds.length; i += 500) {
    const chunk = emailIds.slice(i, i + 500);
    await emailsQueue().addBulk(
      chunk.map((emailId) => ({ data: EmailJobSchema.parse({ emailId }), opts: { jobId: emailId } })),
    );
  }
}

export function bulkEnrolmentsQueue() {
  return singleton("queue:bulk-enrolments", () => {
    const queue = new Queue<BulkEnrolmentJob>("bulk-enrolments", env().REDIS_URL, {
      defaultJobOptions: {
        attempts: BULK_ENROLMENT_ATTEMPTS,
        backoff: { type: "exponential", delay: 10_000 },
        removeOnComplete: 1000,
        removeOnFail: 5000,
      },
    });
    onShutdown("queue:bulk-enrolments", () => queue.close());
    return queue;
  });
}

/** The job id is the batch id: a batch is queued at most once at a time. */
export async function enqueueBulkEnrolment(batchId: string) {
  await bulkEnrolmentsQueue().add(BulkEnrolmentJobSchema.parse({ batchId }), { jobId: batchId });
}

/** The centre's bulk decisions (/admin/applications): the job carries the DecisionBatch id. */
export function decisionBatchesQueue() {
  return singleton("queue:decision-batches", () => {
    const queue = new Queue<DecisionBatchJob>("decision-batches", env().REDIS_URL, {
      defaultJobOptions: {
        attempts: BULK_ENROLMENT_ATTEMPTS,
        backoff: { type: "exponential", delay: 10_000 },
        removeOnComplete: 1000,
        removeOnFail: 5000,
      },
    });
    onShutdown("queue:decision-batches", () => queue.close());
    return queue;
  });
}

export async function enqueueDecisionBatch(batchId: string) {
  await decisionBatchesQueue().add(DecisionBatchJobSchema.parse({ batchId }), { jobId: batchId });
}

export function certificatesQueue() {
  return singleton("queue:certificates", () => {
    const queue = new Queue<CertificateJob>("certificates", env().REDIS_URL, {
      defaultJobOptions: {
        attempts: env().CERTIFICATE_ATTEMPTS,
        backoff: { type: "exponential", delay: env().CERTIFICATE_BACKOFF_MS },
        removeOnComplete: 2000,
        removeOnFail: 5000,
      },
    });
    onShutdown("queue:certificates", () => queue.close());
    return queue;
  });
}

/**
 * The job id is the certificate id: queuing the same certificate again while it waits is a
 * no-op. A finished (failed or completed) job keeps its id in Redis for a while and would make
 * the add a no-op too, so a row sent back to PENDING (a retry) would never run: such a job is
 * removed first.
 */
export async function enqueueCertificate(certificateId: string) {
  await enqueueCertificates([certificateId]);
}

/** A whole batch in few round trips. */
export async function enqueueCertificates(certificateIds: string[]) {
  const queue = certificatesQueue();
  for (let i = 0; i < certificateIds.length; i += 500) {
    const chunk = certificateIds.slice(i, i + 500);
    const existing = await Promise.all(chunk.map((id) => queue.getJob(id)));
    for (const job of existing) {
      if (job && ((await job.isFailed()) || (await job.isCompleted()))) await job.remove().catch(() => undefined);
    }
    await queue.addBulk(
      chunk.map((certificateId) => ({
        data: CertificateJobSchema.parse({ certificateId }),
        opts: { jobId: certificateId },
      })),
    );
  }
}

/** Every queue by name, for the administrators' queue page. */
export function allQueues() {
  return {
    emails: emailsQueue(),
    "bulk-enrolments": bulkEnrolmentsQueue(),
    certificates: certificatesQueue(),
    "decision-batches": decisionBatchesQueue(),
  } satisfies Record<QueueName, Queue.Queue>;
}

export type QueueOverview = {
  name: QueueName;
  counts: { waiting: number; active: number; completed: number; failed: number; delayed: number };
  failed: { id: string; data: unknown; error: string; attempts: number; failedAt: number | null }[];
};

/** Counts and the latest failed jobs of every queue (the administrators' queue page). */
export async function queueOverview(failedLimit = 20): Promise<QueueOverview[]> {
  return Promise.all(
    Object.entries(allQueues()).map(async ([name, queue]) => {
      const counts = await queue.getJobCounts();
      const failed = await queue.getFailed(0, failedLimit - 1);
      return {
        name: name as QueueName,
        counts: {
          waiting: counts.waiting,
          active: counts.active,
          completed: counts.completed,
          failed: counts.failed,
          delayed: counts.delayed,
        },
        failed: failed.map((job) => ({
          id: String(job.id),
          data: job.data,
          error: job.failedReason ?? "",
          attempts: job.attemptsMade,
          failedAt: job.finishedOn ?? null,
        })),
      };
    }),
  );
}

/** Runs a failed job again (or every failed job of the queue when `jobId` is null). */
export async function retryFailedJobs(name: string, jobId: string | null) {
  const queue = (allQueues() as Record<string, Queue.Queue>)[name];
  if (!queue) return 0;
  const jobs = jobId ? [await queue.getJob(jobId)] : await queue.getFailed();
  let retried = 0;
  for (const job of jobs) {
    if (job && (await job.isFailed())) {
      await job.retry();
      retried++;
    }
  }
  return retried;
}
