/**
 * What routes may ask of the job queues. Routes never import jobs/ directly: the classic
 * compiler would pull bull into the browser bundle; a `.server.ts` module stays on the server.
 */
export { enqueueCertificate, enqueueCertificates, queueOverview, retryFailedJobs } from "../../jobs/queues";
