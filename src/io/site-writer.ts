import { lstatSync, writeFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import type { WriteBatch, WriteReply } from "./write-worker.js";
import type { FileStamp } from "./write-site.js";
import { packageFile } from "./package-root.js";

/** Below this many files, a thread costs more to start than it saves. */
export const BACKGROUND_THRESHOLD = 256;
/** Files sent at once: few messages, and a small batch in memory. */
const BATCH_FILES = 64;
const BATCH_CHARS = 1 << 20;
/** Batches sent to the thread and not yet written, at most: rendering never runs far ahead of the disk, so memory stays flat. */
const IN_FLIGHT = 6;

/** A batch on its way to a writer thread, with what to do once it is written. */
interface Sent {
  readonly paths: readonly string[];
  /** Settles once the thread has answered for the batch (or has failed). */
  readonly written: Promise<void>;
  readonly done: () => void;
}

/**
 * Writes files, on a thread of its own when there are many: the calls that
 * write thousands of small files are mostly the kernel's time, which then
 * overlaps with the main thread making the next pages instead of following it.
 * Batches of files go to the thread, each written with the same calls as on
 * the main thread. The first failure is thrown by the next `write` or by
 * `finish`, with the message the call gave.
 *
 * One thread, not one per core: the files of a site go mostly into one folder,
 * and the kernel creates the files of a folder one at a time. Measured with
 * perf on ext4 soon after a large site was replaced (its inode allocator then
 * steps over every inode freed in the last minutes, half a millisecond per new
 * file): a second thread only spun waiting for the folder's lock, which took
 * a core from rendering; the build was a second slower and used 8 s more CPU.
 */
export class SiteWriter {
  private readonly thread: { readonly worker: Worker; readonly sent: Sent[] } | undefined;
  private paths: string[] = [];
  private targets: string[] = [];
  private contents: string[] = [];
  private chars = 0;
  private failure: Error | undefined;

  /** `files` is how many files will be written; `onWritten` gets each one's stamp (only asked for when given). */
  constructor(
    files: number,
    private readonly onWritten?: (path: string, stamp: FileStamp) => void,
  ) {
    if (files < BACKGROUND_THRESHOLD) return;
    // Resolved to the compiled worker from src/io (tests) and from dist/io (the package) alike.
    const thread = { worker: new Worker(packageFile("dist/io/write-worker.js")), sent: [] as Sent[] };
    // The thread answers its batches in the order it got them.
    thread.worker.on("message", (reply: WriteReply) => this.received(thread.sent, reply));
    thread.worker.on("error", (error) => this.fail(error));
    thread.worker.on("exit", (code) => this.fail(new Error(`the thread writing the site stopped (exit code ${code})`)));
    this.thread = thread;
  }

  /** Writes `contents` to `target` (`path` names it for `onWritten`), now or on a writer thread. */
  async write(path: string, target: string, contents: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.thread) {
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
    await Promise.all(this.thread?.sent.map((batch) => batch.written) ?? []);
    if (this.failure) throw this.failure;
  }

  /** Stops the writer thread; safe to call at any time, and more than once. */
  async close(): Promise<void> {
    if (!this.thread) return;
    this.thread.worker.removeAllListeners("exit");
    await this.thread.worker.terminate();
  }

  private async send(): Promise<void> {
    let done!: () => void;
    const written = new Promise<void>((resolve) => (done = resolve));
    const thread = this.thread!;
    thread.sent.push({ paths: this.paths, written, done });
    thread.worker.postMessage({ targets: this.targets, contents: this.contents, stamps: this.onWritten !== undefined } satisfies WriteBatch);
    this.paths = [];
    this.targets = [];
    this.contents = [];
    this.chars = 0;
    if (thread.sent.length > IN_FLIGHT) await thread.sent[0]!.written;
    if (this.failure) throw this.failure;
  }

  private received(sent: Sent[], reply: WriteReply): void {
    const batch = sent.shift();
    if (!batch) return;
    if (reply.ok) reply.stamps.forEach((stamp, i) => this.onWritten?.(batch.paths[i]!, stamp));
    else {
      const { code, syscall, path } = reply;
      this.failure ??= Object.assign(new Error(reply.message), { code, syscall, path });
    }
    batch.done();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    // Nothing more will be answered: let whoever waits see the failure.
    for (const batch of this.thread?.sent.splice(0) ?? []) batch.done();
  }
}
