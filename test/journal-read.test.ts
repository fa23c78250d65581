/**
 * Reading the journal: sorted order, plain bytes of their own, and a file that
 * vanishes between listing and reading left out while any other read error
 * still fails the read.
 */
import * as fs from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { readJournal } from "../src/io/journal.js";

/** Paths whose read fails as if with this error code, to stand in for races no test can time. */
const failing = new Map<string, string>();

vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof fs>();
  const readFileSync = ((file: fs.PathOrFileDescriptor, options?: unknown) => {
    const code = typeof file === "string" ? failing.get(file) : undefined;
    if (code) throw Object.assign(new Error(`${code}: simulated, read '${String(file)}'`), { code });
    return (real.readFileSync as (f: fs.PathOrFileDescriptor, o?: unknown) => unknown)(file, options);
  }) as typeof fs.readFileSync;
  return { ...real, readFileSync, default: { ...real, readFileSync } };
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "smallwins-read-"));
  await mkdir(path.join(dir, "journal", "2026", "11"), { recursive: true });
  for (const day of ["2026-11-21", "2026-11-19", "2026-11-20"]) {
    await writeFile(path.join(dir, "journal", "2026", "11", `${day}.md`), `---\nwins: [${day}]\n---\n`);
  }
  await writeFile(path.join(dir, "journal", "2026-W47.md"), "---\nrating: 4\n---\n");
});
afterEach(async () => {
  failing.clear();
  await rm(dir, { recursive: true, force: true });
});

describe("readJournal", () => {
  it("reads every file in sorted order, as paths relative to the command's folder, with bytes of their own", async () => {
    const sources = await readJournal(path.join(dir, "journal"), dir);
    expect(sources.map((s) => [s.file, s.relPath])).toEqual([
      ["journal/2026-W47.md", "2026-W47.md"],
      ["journal/2026/11/2026-11-19.md", "2026/11/2026-11-19.md"],
      ["journal/2026/11/2026-11-20.md", "2026/11/2026-11-20.md"],
      ["journal/2026/11/2026-11-21.md", "2026/11/2026-11-21.md"],
    ]);
    expect(new TextDecoder().decode(sources[1]!.bytes)).toBe("---\nwins: [2026-11-19]\n---\n");
    for (const s of sources) {
      // A plain Uint8Array that owns its memory: what goes to a parse worker is the file, not a shared pool.
      expect(Object.getPrototypeOf(s.bytes)).toBe(Uint8Array.prototype);
      expect(s.bytes.byteOffset).toBe(0);
      expect(s.bytes.buffer.byteLength).toBe(s.bytes.length);
    }
  });

  it("leaves out a file that vanished between listing and reading", async () => {
    failing.set(path.join(dir, "journal", "2026", "11", "2026-11-20.md"), "ENOENT");
    const sources = await readJournal(path.join(dir, "journal"), dir);
    expect(sources.map((s) => s.relPath)).toEqual(["2026-W47.md", "2026/11/2026-11-19.md", "2026/11/2026-11-21.md"]);
  });

  it("fails on any other read error", async () => {
    failing.set(path.join(dir, "journal", "2026", "11", "2026-11-20.md"), "EACCES");
    await expect(readJournal(path.join(dir, "journal"), dir)).rejects.toMatchObject({ code: "EACCES" });
  });

  it("fails when the journal folder does not exist", async () => {
    await expect(readJournal(path.join(dir, "nowhere"), dir)).rejects.toMatchObject({ code: "ENOENT" });
  });
});
