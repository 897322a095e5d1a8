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

export const QUEUE_NAMES = ["emails", "bulk-enrolments"] as const;
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
    await emailsQueue().addBulk(chunk.map((emailId) => ({ data: EmailJobSchema.parse({ emailId }), opts: { jobId: emailId } })));
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
