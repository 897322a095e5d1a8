/**
 * Prisma 6.19 with the JavaScript schema engine (no native engine download; see
 * docs/decisions/001-prisma-6-19-js-engine.md). Two fixes make migrate/diff/introspection
 * work with @prisma/adapter-pg:
 *  1. result columns of PostgreSQL's internal "char" type (OID 18) are reported as text;
 *  2. a real throwaway shadow database, dropped WITH (FORCE) after its pool is closed;
 *  3. migration scripts are split into statements by scripts/sql-split.ts, which keeps
 *     dollar-quoted function bodies whole (the adapter splits on every ";").
 */
import { existsSync } from "node:fs";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";
import { splitSqlStatements } from "./scripts/sql-split";

if (existsSync(".env")) process.loadEnvFile(".env");

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type Connection = Awaited<ReturnType<PrismaPg["connect"]>>;
type PgFields = { fields?: { dataTypeID: number }[] };

function reportCharAsText(connection: Connection): Connection {
  const internal = connection as unknown as {
    performIO: (query: unknown) => Promise<PgFields | PgFields[]>;
    client: { query: (sql: string) => Promise<unknown> };
    onError: (error: unknown) => never;
  };
  connection.executeScript = async (script: string) => {
    for (const statement of splitSqlStatements(script)) {
      try {
        await internal.client.query(statement);
      } catch (error) {
        internal.onError(error);
      }
    }
  };
  const performIO = internal.performIO.bind(connection);
  internal.performIO = async (query) => {
    const result = await performIO(query);
    // A multi-statement script yields one result per statement.
    for (const part of Array.isArray(result) ? result : [result]) {
      for (const field of part.fields ?? []) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
    return result;
  };
  return connection;
}

function poolConfig(database?: string) {
  const url = new URL(process.env.DATABASE_URL ?? "postgresql://localhost/haidang");
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: database ?? decodeURIComponent(url.pathname.slice(1)),
  };
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  async adapter() {
    const main = new PrismaPg(poolConfig());
    return {
      provider: main.provider,
      adapterName: main.adapterName,
      connect: async () => reportCharAsText(await main.connect()),
      connectToShadowDb: async () => {
        const admin = await main.connect();
        const name = `haidang_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
        await admin.executeScript(`CREATE DATABASE "${name}"`);
        const shadow = reportCharAsText(await new PrismaPg(poolConfig(name)).connect());
        const dispose = shadow.dispose.bind(shadow);
        shadow.dispose = async () => {
          await dispose();
          await admin.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          await admin.dispose();
        };
        return shadow;
      },
    };
  },
});
