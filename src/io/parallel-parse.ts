import os from "node:os";
import { Worker } from "node:worker_threads";
import { parseJournalFile, type ParseResult, type SourceFile } from "../parse/entry.js";
import type { ParseReply, ParseRequest } from "./parse-worker.js";

/** Below this many files a worker costs more to start than it saves. */
const PARALLEL_THRESHOLD = 400;
/** Files claimed at once: small enough that no thread waits long for the last one, large enough that replies stay few. */
const CHUNK = 32;
/**
 * A worker's heap limit. Parsing leaves garbage that V8 otherwise lets pile up
 * to a few hundred megabytes per worker before collecting it; a limit makes it
 * collect sooner. It is far above what parsing needs (every source, plus the
 * largest file a journal may hold, 1 MB, parsed).
 */
const WORKER_HEAP_MB = 192;

/**
 * Parses files on every core: worker threads claim chunks from one shared
 * counter until every file is taken. Results come back in
 * input order, and are the same as parsing on one thread (the parser is a pure
 * function).
 */
export async function parseAll(sources: readonly SourceFile[], onProgress?: (done: number) => void): Promise<ParseResult[]> {
  const results = new Array<ParseResult>(sources.length);
  // One worker per core, and the main thread only collects: parsing leaves much
  // garbage, and in the workers' own heaps it is gone when they end instead of
  // swelling the main heap that holds the rest of the build.
  const workers = sources.length < PARALLEL_THRESHOLD ? 0 : Math.min(4, Math.max(1, os.availableParallelism()));
  let done = 0;
  if (workers === 0) {
    sources.forEach((s, i) => {
      results[i] = parseJournalFile(s);
      onProgress?.(++done);
    });
    return results;
  }
  // Claimed with Atomics.add, so a worker takes its next chunk the moment it is
  // free: handing chunks out from the main thread left each worker idle until
  // the main thread finished a chunk of its own, a third of the parse time.
  const next = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  // Resolved to the compiled worker from src/io (tests) and from dist/io (the package) alike.
  const pool = Array.from({ length: workers }, () => new Worker(new URL("../../dist/io/parse-worker.js", import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } }));
  try {
    const workerRuns = Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const fail = (error: unknown): void => reject(error);
            worker.on("message", (reply: ParseReply) => {
              if ("finished" in reply) return resolve();
              reply.results.forEach((r, i) => (results[reply.start + i] = r));
              done += reply.results.length;
              onProgress?.(done);
            });
            worker.on("error", fail);
            // Only before "finished" does this mean anything: a worker that stops early would leave files unparsed.
            worker.on("exit", (code) => fail(new Error(`a parse worker stopped before it was done (exit code ${code})`)));
            worker.postMessage({ sources, next, chunk: CHUNK } satisfies ParseRequest);
          }),
      ),
    );
    await workerRuns;
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}
