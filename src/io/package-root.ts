/**
 * Where smallwins' own files are (package.json, templates/, assets/, the
 * worker scripts): the folder of its package.json, found by walking up from
 * this module. The same from src/ (tests), from dist/ (the compiled package),
 * and from the bundled command, whose modules all sit in one file at another depth.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name === "smallwins") return dir;
    if (path.dirname(dir) === dir) throw new Error(`smallwins: no package.json of smallwins above ${from}`);
  }
}

/** The folder that holds smallwins' package.json. */
export const PACKAGE_ROOT = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A file of the smallwins package, by its path from the package's folder (`templates/`, `dist/io/parse-worker.js`). */
export const packageFile = (relPath: string): string => path.join(PACKAGE_ROOT, ...relPath.split("/"));
