/**
 * The worker process (`npm run worker`; `npm start` runs it beside the web server).
 * Registers each processor on its queue, re-enqueues rows left PENDING (so a lost Redis
 * job is never a lost email or a forgotten CSV file), and shuts down gracefully on SIGTERM/SIGINT.
 */
import "../app/utils/env-check.server"; // first: a bad configuration stops the worker before anything connects
import { closeOverdueAttempts } from "../app/models/assessments.server";
import { findStaleBulkBatches, markBulkBatchFailed } from "../app/models/bulk-enrolment.server";
import { findStalePendingEmails } from "../app/models/email.server";
import { env, loadDotEnv } from "../app/utils/env.server";
import { runShutdown } from "../app/utils/shutdown.server";
import { findStalePendingCertificates } from "../app/models/certificates.server";
import { findStaleDecisionBatches, markDecisionBatchFailed } from "../app/models/nominations.server";
import { runDecisionBatch } from "./processors/decision-batch";
import { runBulkEnrolment } from "./processors/bulk-enrolment";
import { certificateAttemptFailed, generateCertificate } from "./processors/generate-certificate";
import { markEmailFailed, sendEmail } from "./processors/send-email";
import {
  BulkEnrolmentJobSchema,
  bulkEnrolmentsQueue,
  CertificateJobSchema,
  certificatesQueue,
  DecisionBatchJobSchema,
  decisionBatchesQueue,
  enqueueDecisionBatch,
  EmailJobSchema,
  emailsQueue,
  enqueueBulkEnrolment,
  enqueueCertificates,
  enqueueEmail,
} from "./queues";

loadDotEnv();
const config = env();
const RECONCILE_EVERY_MS = config.RECONCILE_EVERY_MS;
const STALE_AFTER_MS = config.RECONCILE_STALE_AFTER_MS;

const emails = emailsQueue();
const bulkEnrolments = bulkEnrolmentsQueue();
const certificates = certificatesQueue();
const decisionBatches = decisionBatchesQueue();
/** PDFs are CPU work: a few at a time per worker process (WORKER_CERTIFICATE_CONCURRENCY). */
const CERTIFICATE_CONCURRENCY = config.WORKER_CERTIFICATE_CONCURRENCY;

// process() resolves only when the queue closes: errors surface through the "failed" and "error" events.
void emails.process(5, async (job) => sendEmail(EmailJobSchema.parse(job.data)));

emails.on("failed", (job, error) => {
  const final = job.attemptsMade >= (job.opts.attempts ?? 1);
  console.error(`emails: job ${job.id} attempt ${job.attemptsMade} failed${final ? " (final)" : ""}: ${error.message}`);
  if (final) void markEmailFailed(job.data.emailId, error);
});

// One batch at a time: a batch is long, and its chunks already keep the database busy.
void bulkEnrolments.process(1, async (job) => runBulkEnrolment(BulkEnrolmentJobSchema.parse(job.data)));

bulkEnrolments.on("failed", (job, error) => {
  const final = job.attemptsMade >= (job.opts.attempts ?? 1);
  console.error(
    `bulk-enrolments: job ${job.id} attempt ${job.attemptsMade} failed${final ? " (final)" : ""}: ${error.message}`,
  );
  if (final) void markBulkBatchFailed({ batchId: job.data.batchId, error });
});

// One at a time: each row takes its cohort's lock, and order matters for the last places.
void decisionBatches.process(1, async (job) => runDecisionBatch(DecisionBatchJobSchema.parse(job.data)));

decisionBatches.on("failed", (job, error) => {
  const final = job.attemptsMade >= (job.opts.attempts ?? 1);
  console.error(
    `decision-batches: job ${job.id} attempt ${job.attemptsMade} failed${final ? " (final)" : ""}: ${error.message}`,
  );
  if (final) void markDecisionBatchFailed({ batchId: job.data.batchId, error });
});

void certificates.process(CERTIFICATE_CONCURRENCY, async (job) =>
  generateCertificate(CertificateJobSchema.parse(job.data)),
);

certificates.on("failed", (job, error) => {
  const final = job.attemptsMade >= (job.opts.attempts ?? 1);
  console.error(
    `certificates: job ${job.id} attempt ${job.attemptsMade} failed${final ? " (final)" : ""}: ${error.message}`,
  );
  void certificateAttemptFailed({ certificateId: job.data.certificateId, error, final });
});

async function reconcile() {
  try {
    const ids = await findStalePendingEmails({ olderThanMs: STALE_AFTER_MS });
    for (const id of ids) await enqueueEmail(id);
    if (ids.length) console.log(`reconciler: re-enqueued ${ids.length} pending email(s)`);
    const batches = await findStaleBulkBatches({ olderThanMs: STALE_AFTER_MS });
    for (const id of batches) await enqueueBulkEnrolment(id);
    if (batches.length) console.log(`reconciler: re-enqueued ${batches.length} bulk enrolment batch(es)`);
    const decisions = await findStaleDecisionBatches({ olderThanMs: STALE_AFTER_MS });
    for (const id of decisions) await enqueueDecisionBatch(id);
    if (decisions.length) console.log(`reconciler: re-enqueued ${decisions.length} decision batch(es)`);
    const pending = await findStalePendingCertificates({ olderThanMs: STALE_AFTER_MS });
    await enqueueCertificates(pending);
    if (pending.length) console.log(`reconciler: re-enqueued ${pending.length} pending certificate(s)`);
  } catch (error) {
    console.error("reconciler:", error);
  }
}

/** Attempts whose time limit passed while nobody was looking are closed and graded with what was saved. */
async function closeOverdue() {
  try {
    const closed = await closeOverdueAttempts();
    if (closed) console.log(`attempts: closed ${closed} overdue attempt(s)`);
  } catch (error) {
    console.error("attempts:", error);
  }
}

const timer = setInterval(() => void reconcile(), RECONCILE_EVERY_MS);
const sweeper = setInterval(() => void closeOverdue(), config.ATTEMPT_SWEEP_EVERY_MS);
await emails.isReady();
await bulkEnrolments.isReady();
await certificates.isReady();
await decisionBatches.isReady();
await reconcile();
console.log(
  `worker ready (queues: emails, bulk-enrolments, certificates, decision-batches; outbox: ${config.SMTP_URL ? "SMTP" : config.OUTBOX_DIR})`,
);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`worker: ${signal} received, finishing active jobs`);
  clearInterval(timer);
  clearInterval(sweeper);
  const force = setTimeout(() => process.exit(1), 15_000);
  force.unref();
  await runShutdown();
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
