import { randomBytes } from "node:crypto";
import { copyFile, link, lstat, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { FileError, UsageError } from "../errors.js";
import type { OutputFile } from "../render/site.js";

/** The file in the output folder that lists what smallwins wrote there. */
export const MANIFEST = ".smallwins-manifest.json";

/** Paths that decide whether an output folder is safe. */
export interface OutputSafety {
  readonly outDir: string;
  readonly root: string;
  readonly journalDir: string;
  readonly home?: string;
}

const inside = (child: string, parent: string): boolean => {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
};

/**
 * Refuses an output folder that is the project root, the home folder or `/`,
 * that is or holds the journal, or that lies inside the journal (§5).
 */
export function checkOutputFolder(safety: OutputSafety): void {
  const out = path.resolve(safety.outDir);
  const journal = path.resolve(safety.journalDir);
  const home = path.resolve(safety.home ?? os.homedir());
  const refuse = (why: string): never => {
    throw new UsageError(`refusing to write the site to ${out}: ${why}`, "choose a folder of its own, e.g. --out site");
  };
  if (out === path.parse(out).root) refuse("it is the file system root");
  if (out === home) refuse("it is your home folder");
  if (out === path.resolve(safety.root)) refuse("it is the project folder");
  if (inside(journal, out)) refuse(out === journal ? "it is the journal" : "it holds the journal");
  if (inside(out, journal)) refuse("it is inside the journal");
}

/** Every file under `dir`, relative with `/` separators (empty when `dir` is missing). */
async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(current: string, rel: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT" && rel === "") return;
      throw error;
    }
    for (const entry of entries) {
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path.join(current, entry.name), relPath);
      else out.push(relPath);
    }
  }
  await walk(dir, "");
  return out.sort();
}

/** The files an earlier build wrote, from the manifest; empty when there is none or it is unreadable. */
export async function readManifest(outDir: string): Promise<Set<string>> {
  try {
    const data = JSON.parse(await readFile(path.join(outDir, MANIFEST), "utf8")) as unknown;
    const files = (data as { files?: unknown }).files;
    return new Set(Array.isArray(files) ? files.filter((f): f is string => typeof f === "string") : []);
  } catch {
    return new Set();
  }
}

/** The manifest's text for a set of written files. */
export function manifestText(paths: Iterable<string>): string {
  return `${JSON.stringify({ generator: "smallwins", files: [...paths].sort() }, null, 2)}\n`;
}

/** Keeps a user's file in the new site folder: a hard link, or a copy where links fail. */
async function keep(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true });
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to);
  }
}

/**
 * Writes the site atomically: every file goes into a new folder beside the
 * output folder, the user's own files (those no earlier build wrote, per the
 * manifest) are carried over, and then the new folder replaces the old one by
 * rename. A failure before the swap leaves the old site exactly as it was.
 * A generated file that would replace a file the user put there is refused.
 */
export async function writeSiteAtomically(outDir: string, files: readonly OutputFile[]): Promise<void> {
  const out = path.resolve(outDir);
  const parent = path.dirname(out);
  const base = path.basename(out);
  const existing = await listFiles(out);
  const written = await readManifest(out);
  const userFiles = existing.filter((f) => f !== MANIFEST && !written.has(f));
  const generated = new Set(files.map((f) => f.path));
  const clash = userFiles.find((f) => generated.has(f));
  if (clash) {
    throw new FileError(
      `${path.join(out, clash)} was not written by smallwins, and the site would replace it; move it away or choose another --out folder`,
      path.join(out, clash),
    );
  }

  await mkdir(parent, { recursive: true });
  const tag = `${process.pid}-${randomBytes(4).toString("hex")}`;
  const tmp = path.join(parent, `.${base}.smallwins-new-${tag}`);
  const old = path.join(parent, `.${base}.smallwins-old-${tag}`);
  try {
    await mkdir(tmp, { recursive: true });
    for (const file of files) {
      const target = path.join(tmp, ...file.path.split("/"));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, file.contents);
    }
    await writeFile(path.join(tmp, MANIFEST), manifestText(generated));
    for (const f of userFiles) await keep(path.join(out, ...f.split("/")), path.join(tmp, ...f.split("/")));
    const outExists = await lstat(out).then(
      () => true,
      () => false,
    );
    if (outExists) await rename(out, old);
    try {
      await rename(tmp, out);
    } catch (error) {
      if (outExists) await rename(old, out);
      throw error;
    }
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    if (error instanceof FileError) throw error;
    throw new FileError(`could not write the site to ${out}: ${(error as Error).message}`, out, { cause: error });
  }
  await rm(old, { recursive: true, force: true });
}
