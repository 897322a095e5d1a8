import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { env } from "./env.server";
import { onShutdown } from "./shutdown.server";
import { singleton } from "./singleton.server";

/** The only Prisma client. Import it from app/models/* (and jobs), never from routes. */
export const prisma = singleton("prisma", () => {
  const client = new PrismaClient({
    adapter: new PrismaPg({ connectionString: env().DATABASE_URL, max: 10 }),
    // Under a burst (500 officers submitting at once) a transaction may wait for one of the
    // pool's connections longer than Prisma's 2 s default; waiting is right, failing loses work.
    transactionOptions: { maxWait: 20_000, timeout: 20_000 },
  });
  onShutdown("prisma", () => client.$disconnect());
  return client;
});
