import { lstatSync, writeFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import type { WriteBatch, WriteReply } from "./write-worker.js";

/** A written file's stamp, as the page cache keeps it. */
type Stamp = { size: number; mtimeMs: number; ino: number };

/** Below this many files, a thread costs more to start than it saves. */
export const BACKGROUND_THRESHOLD = 256;
/** Files sent at once: few messages, and a small batch in memory. */
const BATCH_FILES = 64;
const BATCH_CHARS = 1 << 20;
/** Batches sent and not yet written, at most: rendering never runs far ahead of the disk, so memory stays flat. */
const IN_FLIGHT = 4;

/** A batch on its way to the writer thread, with what to do once it is written. */
interface Sent {
  readonly paths: readonly string[];
  /** Settles once the thread has answered for the batch (or has failed). */
  readonly written: Promise<void>;
  readonly done: () => void;
}

/**
 * Writes files one after another, on a thread of its own when there are many:
 * the calls that write thousands of small files are mostly the kernel's time,
 * which then overlaps with the main thread making the next pages instead of
 * following it. Files are written in the order given, with the same calls as
 * on the main thread. The first failure is thrown by the next `write` or by
 * `finish`, with the message the call gave.
 */
export class SiteWriter {
  private readonly worker: Worker | undefined;
  private paths: string[] = [];
  private targets: string[] = [];
  private contents: string[] = [];
  private chars = 0;
  private readonly sent: Sent[] = [];
  private failure: Error | undefined;

  /** `files` is how many files will be written; `onWritten` gets each one's stamp (only asked for when given). */
  constructor(
    files: number,
    private readonly onWritten?: (path: string, stamp: Stamp) => void,
  ) {
    if (files < BACKGROUND_THRESHOLD) return;
    // Resolved to the compiled worker from src/io (tests) and from dist/io (the package) alike.
    this.worker = new Worker(new URL("../../dist/io/write-worker.js", import.meta.url));
    this.worker.on("message", (reply: WriteReply) => this.received(reply));
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("exit", (code) => this.fail(new Error(`the thread writing the site stopped (exit code ${code})`)));
  }

  /** Writes `contents` to `target` (`path` names it for `onWritten`), now or on the writer thread. */
  async write(path: string, target: string, contents: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.worker) {
      writeFileSync(target, contents);
      this.onWritten?.(path, lstatSync(target));
      return;
    }
    this.paths.push(path);
    this.targets.push(target);
    this.contents.push(contents);
    this.chars += contents.length;
    if (this.paths.length >= BATCH_FILES || this.chars >= BATCH_CHARS) await this.send();
  }

  /** Waits until every file given is written, and throws the first failure. */
  async finish(): Promise<void> {
    if (this.paths.length > 0) await this.send();
    await Promise.all(this.sent.map((batch) => batch.written));
    if (this.failure) throw this.failure;
  }

  /** Stops the writer thread; safe to call at any time, and more than once. */
  async close(): Promise<void> {
    this.worker?.removeAllListeners("exit");
    await this.worker?.terminate();
  }

  private async send(): Promise<void> {
    let done!: () => void;
    const written = new Promise<void>((resolve) => (done = resolve));
    this.sent.push({ paths: this.paths, written, done });
    this.worker!.postMessage({ targets: this.targets, contents: this.contents, stamps: this.onWritten !== undefined } satisfies WriteBatch);
    this.paths = [];
    this.targets = [];
    this.contents = [];
    this.chars = 0;
    if (this.sent.length > IN_FLIGHT) await this.sent[0]!.written;
    if (this.failure) throw this.failure;
  }

  private received(reply: WriteReply): void {
    const batch = this.sent.shift();
    if (!batch) return;
    if (reply.ok) reply.stamps.forEach((stamp, i) => this.onWritten?.(batch.paths[i]!, stamp));
    else this.failure ??= Object.assign(new Error(reply.message), reply.code ? { code: reply.code } : {});
    batch.done();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    // Nothing more will be answered: let whoever waits see the failure.
    for (const batch of this.sent.splice(0)) batch.done();
  }
}
