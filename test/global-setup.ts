/**
 * Vitest's global setup: runs once, in the main process, before any test file.
 * It finds (and if need be unpacks) the Chromium of the browser tests here, so
 * that test files in parallel workers never unpack it at the same time; they
 * read the path with `inject("chromiumPath")`.
 */
import type { TestProject } from "vitest/node";
import { findChromium } from "./helpers/chromium.js";

declare module "vitest" {
  /** Values the global setup hands to every test file. */
  export interface ProvidedContext {
    /** The Chromium binary the browser tests launch. */
    chromiumPath: string;
  }
}

/** Resolves the browser tests' Chromium once per run. */
export default async function setup(project: TestProject): Promise<void> {
  project.provide("chromiumPath", (await findChromium()).executablePath);
}
