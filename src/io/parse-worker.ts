import { parentPort } from "node:worker_threads";
import { parseJournalFile, type SourceFile } from "../parse/entry.js";

/** A file to parse: its names, and where its bytes lie in the shared buffer. */
export interface PackedSource {
  readonly file: string;
  readonly relPath: string;
  readonly start: number;
  readonly end: number;
}

/** Every file to parse, and the shared counter from which each thread claims the next `chunk` of them. */
export interface ParseRequest {
  readonly sources: readonly PackedSource[];
  /** Every file's bytes, one after another: shared by the threads, not copied to each. */
  readonly bytes: SharedArrayBuffer;
  /** Index 0 holds the first file no thread has claimed yet. */
  readonly next: Int32Array;
  readonly chunk: number;
}

/** What the worker sends back: the results of the files from `start` on, or that it has claimed its last chunk. */
export type ParseReply = { readonly start: number; readonly results: ReturnType<typeof parseJournalFile>[] } | { readonly finished: true };

// Each worker claims its next chunk itself from the shared counter, so none
// waits for another. Each chunk is parsed with the same pure function as on one thread.
parentPort?.on("message", ({ sources, bytes, next, chunk }: ParseRequest) => {
  const shared = new Uint8Array(bytes);
  const unpack = ({ file, relPath, start, end }: PackedSource): SourceFile => ({ file, relPath, bytes: shared.subarray(start, end) });
  for (let start = Atomics.add(next, 0, chunk); start < sources.length; start = Atomics.add(next, 0, chunk)) {
    parentPort?.postMessage({ start, results: sources.slice(start, start + chunk).map((s) => parseJournalFile(unpack(s))) } satisfies ParseReply);
  }
  parentPort?.postMessage({ finished: true } satisfies ParseReply);
});
