/**
 * The layer rules of /work/shared/STYLE.md ("Layers"), checked by `npm run lint:layers`.
 * See docs/decisions/015-code-guard-rails.md.
 * @type {import('dependency-cruiser').IConfiguration}
 */
const PRISMA_CLIENT = ["^app/generated/prisma", "^app/utils/db[.]server[.]ts$"];
/** The HTTP layer: route modules, and the actions several routes share (app/actions). */
const HTTP_LAYER = "^app/(routes|actions)/";
/** Tests may set up rows and users directly. */
const TESTS = "[.]test[.]tsx?$";

module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      comment: "Nothing imports in a circle: move the shared part down into its own module.",
      severity: "error",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "routes-no-prisma",
      comment: "Routes handle HTTP only: the database is reached through app/models.",
      severity: "error",
      from: { path: HTTP_LAYER },
      to: { path: PRISMA_CLIENT },
    },
    {
      name: "routes-no-infrastructure",
      comment:
        "Routes never import lucia (app/utils/auth.server.ts owns it), bull (jobs/queues.ts) or markdown-it (app/content).",
      severity: "error",
      from: { path: HTTP_LAYER },
      to: { path: "^node_modules/(lucia|@lucia-auth/[^/]+|bull|markdown-it[^/]*)/" },
    },
    {
      name: "processors-through-models",
      comment: "Job processors reach the database only through app/models.",
      severity: "error",
      from: { path: "^jobs/processors/", pathNot: TESTS },
      to: { path: PRISMA_CLIENT },
    },
    {
      name: "lower-layers-no-models",
      comment: "app/content and app/utils sit below the models and never import them.",
      severity: "error",
      from: { path: "^app/(content|utils)/", pathNot: TESTS },
      to: { path: "^app/models/" },
    },
    {
      name: "client-no-server-modules",
      comment:
        "Browser code (components, validation, the non-server i18n helpers) never imports *.server modules, in particular the server catalogues.",
      severity: "error",
      from: { path: "^app/(components|validation|i18n)/", pathNot: `[.]server[.]tsx?$|${TESTS}` },
      // A type-only import is erased before bundling, so it ships nothing to the browser.
      to: { path: "[.]server[.]tsx?$", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "prisma-client-only-in-models",
      comment:
        "The Prisma client is imported by app/models only (scripts, tests and seeds may too). " +
        "Exception: auth.server.ts hands the session and user delegates to lucia's Prisma adapter.",
      severity: "error",
      from: {
        path: "^(app|jobs)/",
        pathNot: ["^app/(models|generated)/", "^app/utils/(db|auth)[.]server[.]ts$", TESTS],
      },
      to: { path: PRISMA_CLIENT },
    },
    {
      name: "not-to-unresolvable",
      comment: "An import that does not resolve is a typo or a missing package.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(app/generated|build|public/build)/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
