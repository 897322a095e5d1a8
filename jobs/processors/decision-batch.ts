/**
 * Runs one bulk decision of the centre (/admin/applications). Plain function: tests call it
 * directly, the worker wires it to the `decision-batches` queue. Safe to run again: a finished
 * batch returns early and rows already decided are not decided twice.
 */
import { runDecisionBatch as run } from "../../app/models/nominations.server";
import type { DecisionBatchJob } from "../queues";

export async function runDecisionBatch({ batchId }: DecisionBatchJob) {
  return run({ batchId });
}
