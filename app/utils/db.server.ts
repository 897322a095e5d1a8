import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { env } from "./env.server";
import { onShutdown } from "./shutdown.server";
import { singleton } from "./singleton.server";

/** The only Prisma client. Import it from app/models/* (and jobs), never from routes. */
export const prisma = singleton("prisma", () => {
  const client = new PrismaClient({
    adapter: new PrismaPg({ connectionString: env().DATABASE_URL, max: 10 }),
  });
  onShutdown("prisma", () => client.$disconnect());
  return client;
});
