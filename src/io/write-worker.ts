import { lstatSync, writeFileSync } from "node:fs";
import { parentPort } from "node:worker_threads";
import type { FileStamp } from "./write-site.js";

/** Files for the writer thread to write, in order: where, and what. */
export interface WriteBatch {
  readonly targets: readonly string[];
  readonly contents: readonly string[];
  /** Whether to send back each file's stamp once written. */
  readonly stamps: boolean;
}

/** What the writer thread answers for each batch, in the order the batches came. */
export type WriteReply =
  | { readonly ok: true; readonly stamps: readonly FileStamp[] }
  | { readonly ok: false; readonly message: string; readonly code?: string; readonly syscall?: string; readonly path?: string };

// Each batch is written with the same synchronous calls as on the main thread;
// only the thread differs, so that the main thread renders the next pages
// while the kernel takes this batch.
parentPort?.on("message", ({ targets, contents, stamps }: WriteBatch) => {
  const written: FileStamp[] = [];
  try {
    targets.forEach((target, i) => {
      writeFileSync(target, contents[i]!);
      if (stamps) {
        const s = lstatSync(target);
        written.push({ size: s.size, mtimeMs: s.mtimeMs, ino: s.ino });
      }
    });
    parentPort?.postMessage({ ok: true, stamps: written } satisfies WriteReply);
  } catch (error) {
    // What the main thread needs to explain the failure: the code, the call and the path, as Node gave them.
    const { message, code, syscall, path } = error as NodeJS.ErrnoException;
    parentPort?.postMessage({ ok: false, message, ...(code ? { code } : {}), ...(syscall ? { syscall } : {}), ...(path ? { path } : {}) } satisfies WriteReply);
  }
});
