/**
 * Imported FIRST by the process entry points (server.ts, jobs/worker.ts). ES modules run
 * in import order, so a bad configuration stops the process here, with every problem
 * listed by variable name, before any other module opens a connection with it.
 */
import { envOrExit } from "./env.server";

envOrExit();
