/**
 * What the administrators' queue page may ask of the job queues (enqueuing belongs to the models). Routes never import jobs/ directly: the classic
 * compiler would pull bull into the browser bundle; a `.server.ts` module stays on the server.
 */
export { queueOverview, retryFailedJobs } from "../../jobs/queues";
