// @ts-check
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "site/", "node_modules/", ".smallwins-cache/", "test-artifacts/"] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      // With noUncheckedIndexedAccess, `!` after a bounds-checked index is the honest idiom.
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  {
    // Plain JavaScript scripts (the benchmark, test helpers) run on Node.
    files: ["**/*.mjs", "**/*.js"],
    languageOptions: { globals: globals.node },
  },
  {
    // The search client runs in the browser as classic scripts (no modules): see docs/site.md#search.
    files: ["assets/**/*.js"],
    languageOptions: { sourceType: "script", ecmaVersion: 2022, globals: globals.browser },
  },
  {
    // The pure core must not reach for the file system, the clock, the console or the process.
    files: ["src/parse/**", "src/aggregate/**", "src/memo/**", "src/render/**", "src/model/**", "src/config/schema.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["node:fs*", "node:child_process", "node:os", "fs", "os", "chokidar"] }],
      "no-restricted-globals": ["error", "process", "console"],
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Pure code takes today as a parameter." },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "Pure code takes the time as a parameter." },
      ],
    },
  },
);
