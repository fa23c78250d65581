/**
 * Writing a site that is already on disk in place, file by file: what a watch
 * does after its first build, which wrote the whole site atomically
 * (write-site.ts). Each file is replaced by a rename, so a reader never sees
 * half a file; files written ahead of a build that then fails are put back.
 */
import { readFileSync } from "node:fs";
import { rm, rmdir } from "node:fs/promises";
import path from "node:path";
import type { CopiedFile } from "./published-files.js";
import { copyFileAtomically, writeFileAtomically as writeFileAtomic, writeFileAtomicallySync } from "./write-file.js";
import { MANIFEST, manifestText, type SiteFile } from "./write-site.js";
import type { OutputFile } from "../render/site.js";

/** A site path as a file in the output folder. */
const fileIn = (outDir: string, sitePath: string): string => path.join(outDir, ...sitePath.split("/"));

/** Writes site files into the output folder, one at a time, in order. */
export async function writeSiteFiles(outDir: string, files: readonly (SiteFile | OutputFile)[]): Promise<void> {
  for (const file of files) {
    // A file the core gave as encoded parts (wins.json in a watch) is written from them: no join, no encoding of megabytes.
    const contents = "bytes" in file && file.bytes ? file.bytes : typeof file.contents === "function" ? file.contents() : file.contents;
    // Synchronous calls: an edit writes a few files, and each trip through the thread pool cost more than the write.
    writeFileAtomicallySync(fileIn(outDir, file.path), contents);
  }
}

/** Copies journal files into the output folder, each replacing the one before by a rename. */
export async function copySiteFiles(outDir: string, files: readonly CopiedFile[]): Promise<void> {
  for (const file of files) await copyFileAtomically(file.copyFrom, fileIn(outDir, file.path));
}

/** A file written ahead of the rest of a build, with its bytes before (undefined: it did not exist). */
export interface WrittenAhead {
  readonly path: string;
  readonly previous: Buffer | undefined;
}

/** Writes files ahead of the rest of a build, remembering each one's bytes before, so that a build that fails can put them back. */
export async function writeAhead(outDir: string, files: readonly SiteFile[], early: WrittenAhead[]): Promise<void> {
  for (const file of files) {
    early.push({ path: file.path, previous: readIfThere(fileIn(outDir, file.path)) });
    await writeSiteFiles(outDir, [file]);
  }
}

/** A file's bytes, or undefined when it cannot be read (not written yet). */
function readIfThere(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Puts back the files written ahead of a build that failed: the site is left as it was. */
export async function putBack(outDir: string, early: readonly WrittenAhead[]): Promise<void> {
  for (const { path: page, previous } of early) {
    const target = fileIn(outDir, page);
    if (previous) await writeFileAtomic(target, previous);
    else await rm(target, { force: true });
  }
}

/**
 * Removes files no page has any more, and the folders they leave empty, up to
 * the output folder: a clean build has no empty folders either (areas/ after
 * the last area went; tags/a/ and tags/a/b/ after the tag a/b/c went).
 */
export async function removeGone(outDir: string, gone: readonly string[]): Promise<void> {
  for (const sitePath of gone) {
    const file = fileIn(outDir, sitePath);
    await rm(file, { force: true });
    // rmdir removes only an empty folder: the first that is not ends the climb.
    for (let depth = sitePath.split("/").length - 1, dir = path.dirname(file); depth > 0; depth--, dir = path.dirname(dir)) {
      if (!(await rmdir(dir).then(() => true, () => false))) break;
    }
  }
}

/** Writes the manifest of the files smallwins wrote in the output folder. */
export async function writeManifest(outDir: string, paths: Iterable<string>): Promise<void> {
  await writeFileAtomic(path.join(outDir, MANIFEST), manifestText(paths));
}
