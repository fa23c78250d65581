import os from "node:os";
import { Worker } from "node:worker_threads";
import { parseJournalFile, type ParseResult, type SourceFile } from "../parse/entry.js";
import type { ParseRequest } from "./parse-worker.js";

/** Below this many files a worker costs more to start than it saves. */
const PARALLEL_THRESHOLD = 400;
const CHUNK = 64;

/**
 * Parses files on every core: worker threads and the main thread take chunks
 * from one queue until it is empty. Results come back in input order, and are
 * the same as parsing on one thread (the parser is a pure function).
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
  const chunks: { start: number; sources: readonly SourceFile[] }[] = [];
  for (let start = 0; start < sources.length; start += CHUNK) chunks.push({ start, sources: sources.slice(start, start + CHUNK) });
  let next = 0;
  // Resolved to the compiled worker from src/io (tests) and from dist/io (the package) alike.
  const pool = Array.from({ length: workers }, () => new Worker(new URL("../../dist/io/parse-worker.js", import.meta.url)));
  try {
    const workerRuns = pool.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          const send = (): void => {
            const chunk = chunks[next];
            if (!chunk) return resolve();
            next++;
            worker.postMessage({ id: chunk.start, sources: chunk.sources } satisfies ParseRequest);
          };
          worker.on("message", (message: { id: number; results: ParseResult[] }) => {
            message.results.forEach((r, i) => (results[message.id + i] = r));
            done += message.results.length;
            onProgress?.(done);
            send();
          });
          worker.on("error", reject);
          worker.on("online", send);
        }),
    );
    // The main thread parses too, one chunk at a time, yielding so worker messages flow.
    while (next < chunks.length) {
      const chunk = chunks[next++]!;
      chunk.sources.forEach((s, i) => (results[chunk.start + i] = parseJournalFile(s)));
      done += chunk.sources.length;
      onProgress?.(done);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(workerRuns);
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}
