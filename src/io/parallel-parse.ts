import os from "node:os";
import { Worker } from "node:worker_threads";
import type { ParseResult, SourceFile } from "../parse/entry.js";
import type { PackedSource, ParseReply, ParseRequest } from "./parse-worker.js";
import { packageFile } from "./package-root.js";

/**
 * Below this many files the main thread parses alone: a worker must load the
 * parser and warm V8 up on it (about 1.5 s of CPU, the first few hundred
 * files at several times the later speed), and its results must be copied to
 * the main thread and collected there. Measured on varied journals, quiet
 * machine, wall time: at 3,650 entries the main thread alone took 4.5 s, one
 * worker 6.3 s, two 8.0 s; at 10,000 the main thread 13.3 s, one worker
 * 13.7 s, two 11.0 s. The main thread parsing beside one worker, sharing the
 * files, was slower still at 1,000 entries (2.15-2.30 s against 1.91-2.04 s
 * alone, alternated, two cores): each thread pays the warm-up.
 */
const MAIN_THREAD_FILES = 6_000;
/** Files each worker needs for its warm-up to pay off. */
const FILES_PER_WORKER = 3_000;
/** More workers than this only contend for memory bandwidth and the main thread's time to receive results. */
const MAX_WORKERS = 4;

/**
 * How many parse workers to start for `files` files on `cores` cores: none
 * (the main thread parses) for a journal of fewer than 6,000 files, or when
 * fewer than two workers would run (one worker was never faster than the
 * main thread alone); else one per 3,000 files, at most one per core and four.
 */
export function parseThreads(files: number, cores = os.availableParallelism()): number {
  if (files < MAIN_THREAD_FILES) return 0;
  const workers = Math.min(MAX_WORKERS, cores, Math.floor(files / FILES_PER_WORKER));
  return workers < 2 ? 0 : workers;
}

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
 * Starts the workers that will parse `files` files (parseThreads of them, or
 * `count`). A worker takes a quarter of a second to load the parser: started
 * before the journal is read, it loads while the files are read.
 */
export function startParseWorkers(files: number, count = parseThreads(files)): Worker[] {
  // With workers, the main thread only collects: parsing leaves much garbage,
  // and in the workers' own heaps it is gone when they end instead of
  // swelling the main heap that holds the rest of the build.
  return Array.from({ length: count }, () => {
    // Resolved to the compiled worker from src/io (tests) and from dist/io (the package) alike.
    const worker = new Worker(packageFile("dist/io/parse-worker.js"), { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    // A worker that fails or stops before parseAll listens is remembered, so parseAll does not wait for it.
    worker.on("error", (error) => stoppedEarly.set(worker, error));
    worker.on("exit", (code) => stoppedEarly.set(worker, new Error(`a parse worker stopped before it was done (exit code ${code})`)));
    return worker;
  });
}

const stoppedEarly = new WeakMap<Worker, unknown>();

/**
 * Parses files on the main thread, or on worker threads (`started`, or as
 * many as parseThreads says) that claim chunks from one shared counter until
 * every file is taken. Results come back in
 * input order, and are the same as parsing on one thread (the parser is a pure
 * function). `started` are workers from startParseWorkers, used (and ended) instead of new ones.
 */
export async function parseAll(sources: readonly SourceFile[], onProgress?: (done: number) => void, started: readonly Worker[] = []): Promise<ParseResult[]> {
  const results = new Array<ParseResult>(sources.length);
  let done = 0;
  if (sources.length === 0 || (started.length === 0 && parseThreads(sources.length) === 0)) {
    await Promise.all(started.map((w) => w.terminate()));
    if (sources.length === 0) return results;
    // Loaded only here: a build whose files all go to workers, or all come from
    // the cache, never loads the Markdown stack on the main thread (a tenth of
    // a second before the first file can be sent to a worker).
    const { parseJournalFile } = await import("../parse/entry.js");
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
  const pool = started.length > 0 ? started : startParseWorkers(sources.length);
  const packed = pack(sources);
  try {
    const workerRuns = Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const fail = (error: unknown): void => reject(error);
            if (stoppedEarly.has(worker)) return fail(stoppedEarly.get(worker));
            worker.on("message", (reply: ParseReply) => {
              if ("finished" in reply) return resolve();
              reply.results.forEach((r, i) => (results[reply.start + i] = r));
              done += reply.results.length;
              onProgress?.(done);
            });
            worker.on("error", fail);
            // Only before "finished" does this mean anything: a worker that stops early would leave files unparsed.
            worker.on("exit", (code) => fail(new Error(`a parse worker stopped before it was done (exit code ${code})`)));
            worker.postMessage({ sources: packed.sources, bytes: packed.bytes, next, chunk: CHUNK } satisfies ParseRequest);
          }),
      ),
    );
    await workerRuns;
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}

/**
 * Every file's bytes in one shared buffer, with where each lies. Sent to each
 * thread as they were, the bytes were copied once per thread, and their ten
 * thousand small arrays cloned one by one.
 */
function pack(sources: readonly SourceFile[]): { sources: PackedSource[]; bytes: SharedArrayBuffer } {
  const bytes = new SharedArrayBuffer(sources.reduce((total, s) => total + s.bytes.length, 0));
  const view = new Uint8Array(bytes);
  let at = 0;
  const packed = sources.map(({ file, relPath, bytes: own }) => {
    view.set(own, at);
    at += own.length;
    return { file, relPath, start: at - own.length, end: at };
  });
  return { sources: packed, bytes };
}
