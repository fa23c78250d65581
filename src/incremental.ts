/**
 * The builder `watch` and `serve` keep, under the name it had before the
 * pipeline became one module for every command: src/builder/site-builder.ts.
 */
export { SiteBuilder as IncrementalBuilder, type BuildReport, type ChangeSet } from "./builder/site-builder.js";
