import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Finds the browser tests' Chromium once, before any worker starts (see the file).
    globalSetup: ["test/global-setup.ts"],
    // Vitest's default worker count is kept (one on a two-core machine): the
    // suite is CPU-bound, not waiting (with one worker it keeps 1.4 cores busy,
    // as the binaries it spawns build and parse on threads). Measured back to
    // back, two workers were slower (422 s against 380 s) and pushed CPU-bound
    // property tests past their time limits.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
