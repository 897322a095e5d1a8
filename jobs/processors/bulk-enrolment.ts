/**
 * Runs one bulk-enrolment batch. Plain function: tests call it directly, the worker wires it to
 * the `bulk-enrolments` queue. Safe to run again at any point: a finished batch returns early,
 * a checked file is not checked twice, and rows already applied are never applied again (each
 * chunk records its rows' outcomes in the transaction that applies them).
 */
import {
  applyBulkBatchChunk,
  BULK_CHUNK_ROWS,
  checkBulkBatch,
  finishBulkBatch,
  startBulkBatch,
} from "../../app/models/bulk-enrolment.server";
import type { BulkEnrolmentJob } from "../queues";

export type BulkEnrolmentResult = { status: "missing" | "already-finished" | "refused" | "done"; applied: number };

export async function runBulkEnrolment(
  { batchId }: BulkEnrolmentJob,
  {
    chunkSize = BULK_CHUNK_ROWS,
    afterChunk,
  }: { chunkSize?: number; afterChunk?: (handled: number) => Promise<void> | void } = {},
): Promise<BulkEnrolmentResult> {
  const started = await startBulkBatch({ batchId });
  if (started.status === "missing") return { status: "missing", applied: 0 };
  if (started.status === "finished") return { status: "already-finished", applied: 0 };

  const checked = await checkBulkBatch({ batchId });
  if (checked.status === "refused") return { status: "refused", applied: 0 };

  let applied = 0;
  for (;;) {
    const { handled } = await applyBulkBatchChunk({ batchId, size: chunkSize });
    if (!handled) break;
    applied += handled;
    await afterChunk?.(handled);
  }
  await finishBulkBatch({ batchId });
  return { status: "done", applied };
}
