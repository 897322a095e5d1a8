/**
 * The layer rules in .dependency-cruiser.cjs bite: each fixture tree breaks one rule
 * and dependency-cruiser, run with the project's own configuration, reports it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { cruise, type ICruiseResult, type IConfiguration } from "dependency-cruiser";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { expect, test } from "vitest";

const config = createRequire(import.meta.url)("../.dependency-cruiser.cjs") as IConfiguration;

const db = { "app/utils/db.server.ts": "export const prisma = {};\n" };

async function violations(files: Record<string, string>) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "haidang-layers-"));
  try {
    for (const [name, text] of Object.entries({ ...db, ...files })) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    const tsConfigFile = path.join(dir, "tsconfig.json");
    writeFileSync(tsConfigFile, JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "~/*": ["./app/*"] } } }));
    const { output } = await cruise(
      ["app", ...(Object.keys(files).some((f) => f.startsWith("jobs/")) ? ["jobs"] : [])],
      {
        ...config.options,
        ruleSet: { forbidden: config.forbidden },
        validate: true,
        baseDir: dir,
        tsConfig: { fileName: tsConfigFile },
      },
      undefined,
      { tsConfig: extractTSConfig(tsConfigFile) },
    );
    return (output as ICruiseResult).summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("a route that reaches the model layer only is clean", async () => {
  expect(
    await violations({
      "app/routes/ok.tsx": 'import { list } from "~/models/things.server";\nexport const loader = () => list();\n',
      "app/models/things.server.ts": 'import { prisma } from "~/utils/db.server";\nexport const list = () => prisma;\n',
    }),
  ).toEqual([]);
});

test("a route importing the Prisma client through the ~/ alias is a violation", async () => {
  expect(
    await violations({
      "app/routes/bad.tsx": 'import { prisma } from "~/utils/db.server";\nexport const x = prisma;\n',
    }),
  ).toContainEqual("routes-no-prisma: app/routes/bad.tsx → app/utils/db.server.ts");
});

test("a route importing bull, lucia or markdown-it is a violation", async () => {
  const pkg = (name: string) => ({
    [`node_modules/${name}/package.json`]: JSON.stringify({ name, main: "index.js" }),
    [`node_modules/${name}/index.js`]: "module.exports = {};\n",
  });
  const found = await violations({
    ...pkg("bull"),
    ...pkg("lucia"),
    ...pkg("markdown-it"),
    "app/routes/bad.tsx":
      'import Queue from "bull";\nimport { Lucia } from "lucia";\nimport MarkdownIt from "markdown-it";\nexport const x = [Queue, Lucia, MarkdownIt];\n',
  });
  expect(found).toEqual(
    expect.arrayContaining([
      "routes-no-infrastructure: app/routes/bad.tsx → node_modules/bull/index.js",
      "routes-no-infrastructure: app/routes/bad.tsx → node_modules/lucia/index.js",
      "routes-no-infrastructure: app/routes/bad.tsx → node_modules/markdown-it/index.js",
    ]),
  );
});

test("a job processor reaching the database directly is a violation", async () => {
  expect(
    await violations({
      "jobs/processors/bad.ts": 'import { prisma } from "../../app/utils/db.server";\nexport const x = prisma;\n',
    }),
  ).toContainEqual("processors-through-models: jobs/processors/bad.ts → app/utils/db.server.ts");
});

test("models importing each other in a circle is a violation", async () => {
  const found = await violations({
    "app/models/a.server.ts": 'import { b } from "./b.server";\nexport const a = () => b;\n',
    "app/models/b.server.ts": 'import { a } from "./a.server";\nexport const b = () => a;\n',
  });
  expect(found.filter((v) => v.startsWith("no-cycles:"))).not.toEqual([]);
});

test("app/utils importing a model is a violation", async () => {
  expect(
    await violations({
      "app/utils/helper.server.ts": 'import { m } from "~/models/m.server";\nexport const h = m;\n',
      "app/models/m.server.ts": "export const m = 1;\n",
    }),
  ).toContainEqual("lower-layers-no-models: app/utils/helper.server.ts → app/models/m.server.ts");
});

test("a component importing the server catalogues is a violation, a type-only import is not", async () => {
  const catalogues = { "app/i18n/catalogues.server.ts": "export type Messages = {};\nexport const all = {};\n" };
  expect(
    await violations({
      ...catalogues,
      "app/components/bad.tsx": 'import { all } from "~/i18n/catalogues.server";\nexport const x = all;\n',
    }),
  ).toContainEqual("client-no-server-modules: app/components/bad.tsx → app/i18n/catalogues.server.ts");
  expect(
    await violations({
      ...catalogues,
      "app/components/ok.tsx": 'import type { Messages } from "~/i18n/catalogues.server";\nexport type X = Messages;\n',
    }),
  ).toEqual([]);
});
