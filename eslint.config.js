// ESLint flat config: one place for the lint rules of the whole tree (see docs/decisions/015-code-guard-rails.md).
// Formatting belongs to Prettier (`prettier --check .`), so no stylistic rules here.
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/** Configuration comes from app/utils/env.server.ts (validated at start-up), never from process.env directly. */
const ENV_MESSAGE = "Read configuration through env() from app/utils/env.server.ts (add the variable to its schema).";
const noProcessEnv = {
  "no-restricted-properties": [
    "error",
    {
      object: "process",
      property: "env",
      message: ENV_MESSAGE,
    },
  ],
  "no-restricted-imports": [
    "error",
    { paths: ["process", "node:process"].map((name) => ({ name, importNames: ["env"], message: ENV_MESSAGE })) },
  ],
};

export default tseslint.config(
  {
    ignores: [
      "app/generated/**",
      "build/**",
      "public/build/**",
      ".cache/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: "error" } },

  js.configs.recommended,
  ...tseslint.configs.recommended,

  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.node },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      // `import("…")` types stay allowed: scripts and e2e import modules lazily, after setting up the environment.
      "@typescript-eslint/consistent-type-imports": ["error", { disallowTypeAnnotations: false }],
      // Control characters in regular expressions are deliberate here: input and content are scrubbed of NUL and C0 codes.
      "no-control-regex": "off",
      eqeqeq: ["error", "always", { null: "ignore" }],
    },
  },

  // Type-aware rules, only the cheap and valuable ones: forgotten awaits are real bugs in an app full of queues and writes.
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/await-thenable": "error",
    },
  },

  // The browser and the UI.
  {
    files: ["app/**/*.tsx"],
    plugins: { react, "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    languageOptions: {
      parserOptions: { ecmaFeatures: { jsx: true } },
      globals: { ...globals.browser, ...globals.node },
    },
    settings: { react: { version: "18.3" } },
    rules: {
      ...react.configs.flat.recommended.rules,
      ...react.configs.flat["jsx-runtime"].rules,
      ...reactHooks.configs.flat.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      // TypeScript checks props; prop-types would only duplicate it.
      "react/prop-types": "off",
      // role="list" on styled lists is deliberate: Safari/VoiceOver drop list semantics when list-style is none.
      "jsx-a11y/no-redundant-roles": ["error", { ul: ["list"], ol: ["list"] }],
      // A scrollable <pre>, and the labelled region a wide table scrolls in (app/components/table-scroll.tsx),
      // must be reachable by keyboard (axe: scrollable-region-focusable).
      "jsx-a11y/no-noninteractive-tabindex": [
        "error",
        { tags: ["pre"], roles: ["tabpanel", "region"], allowExpressionValues: true },
      ],
      // Choice labels are sanitised course HTML set through dangerouslySetInnerHTML: that is their text.
      "jsx-a11y/label-has-associated-control": ["error", { labelAttributes: ["dangerouslySetInnerHTML"] }],
    },
  },

  // process.env only through app/utils/env.server.ts in the code that runs in production.
  { files: ["app/**", "jobs/**", "server.ts"], rules: noProcessEnv },
  {
    files: ["app/utils/env.server.ts", "**/*.test.ts", "**/*.test.tsx"],
    rules: { "no-restricted-properties": "off", "no-restricted-imports": "off" },
  },

  // Tests tamper with signed JSON documents field by field; typing every shape would say nothing.
  { files: ["**/*.test.ts"], rules: { "@typescript-eslint/no-explicit-any": "off" } },
);
