import { parentPort } from "node:worker_threads";
import { parseJournalFile, type SourceFile } from "../parse/entry.js";

/** A chunk of files to parse, numbered so the results go back in place. */
export interface ParseRequest {
  readonly id: number;
  readonly sources: readonly SourceFile[];
}

// Each chunk is parsed with the same pure function as on the main thread.
parentPort?.on("message", (request: ParseRequest) => {
  parentPort?.postMessage({ id: request.id, results: request.sources.map(parseJournalFile) });
});
