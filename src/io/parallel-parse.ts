import os from "node:os";
import { Worker } from "node:worker_threads";
import { parseJournalFile, type ParseResult, type SourceFile } from "../parse/entry.js";
import type { ParseReply, ParseRequest } from "./parse-worker.js";

/** Below this many files a worker costs more to start than it saves. */
const PARALLEL_THRESHOLD = 400;
/** Files claimed at once: small enough that no thread waits long for the last one, large enough that replies stay few. */
const CHUNK = 32;

/**
 * Parses files on every core: worker threads and the main thread claim chunks
 * from one shared counter until every file is taken. Results come back in
 * input order, and are the same as parsing on one thread (the parser is a pure
 * function).
 */
export async function parseAll(sources: readonly SourceFile[], onProgress?: (done: number) => void): Promise<ParseResult[]> {
  const results = new Array<ParseResult>(sources.length);
  const workers = sources.length < PARALLEL_THRESHOLD ? 0 : Math.min(3, Math.max(0, os.availableParallelism() - 1));
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
  let failed = false;
  // Resolved to the compiled worker from src/io (tests) and from dist/io (the package) alike.
  const pool = Array.from({ length: workers }, () => new Worker(new URL("../../dist/io/parse-worker.js", import.meta.url)));
  try {
    const workerRuns = Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const fail = (error: unknown): void => {
              failed = true;
              reject(error);
            };
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
    // Awaited only after the main thread's share; a failure meanwhile stops that share early.
    workerRuns.catch(() => undefined);
    // The main thread parses too, yielding between chunks so that worker replies flow.
    for (let start = Atomics.add(next, 0, CHUNK); start < sources.length && !failed; start = Atomics.add(next, 0, CHUNK)) {
      const end = Math.min(start + CHUNK, sources.length);
      for (let i = start; i < end; i++) results[i] = parseJournalFile(sources[i]!);
      done += end - start;
      onProgress?.(done);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await workerRuns;
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}
