import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { FileError } from "../errors.js";
import type { Theme } from "../render/site.js";
import { explainFileError } from "./file-errors.js";
import { displayPath } from "./journal.js";
import { packageFile } from "./package-root.js";

/** The built-in templates folder, shipped with the package. */
export const BUILTIN_TEMPLATES = packageFile("templates") + path.sep;

/** The search client's scripts, shipped with the package, and their paths in the site. */
export const SEARCH_SCRIPTS: readonly (readonly [file: string, sitePath: string])[] = [
  [packageFile("assets/search/boot.js"), "search/boot.js"],
  [packageFile("assets/search/search.js"), "search/search.js"],
];

async function collect(dir: string, into: Map<string, string>, files: Map<string, string>): Promise<void> {
  async function walk(current: string, rel: string): Promise<void> {
    const entries = await readdir(current, { withFileTypes: true });
    for (const entry of entries) {
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      const absolute = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(absolute, relPath);
      else if (entry.name.endsWith(".eta")) {
        into.set(relPath.slice(0, -4), await readFile(absolute, "utf8"));
        files.set(relPath.slice(0, -4), absolute);
      }
    }
  }
  await walk(dir, "");
}

/** A theme with where each template came from, for error messages. */
export interface LoadedTheme extends Theme {
  /** Template name to the file it was read from. */
  readonly files: ReadonlyMap<string, string>;
  readonly stylesheetFile: string;
}

/**
 * Reads the built-in templates and stylesheet, then the user's templates
 * folder over them: a user file replaces the built-in one of the same name.
 * The search scripts are always the built-in ones: they read the index this
 * version writes (see docs/site.md#search).
 */
export async function loadTheme(userDir: string | undefined): Promise<LoadedTheme> {
  const templates = new Map<string, string>();
  const files = new Map<string, string>();
  await collect(BUILTIN_TEMPLATES, templates, files);
  let stylesheetFile = path.join(BUILTIN_TEMPLATES, "style.css");
  if (userDir) {
    await collect(userDir, templates, files).catch((error: unknown) => {
      const code = (error as NodeJS.ErrnoException).code;
      const otherwise = "remove `templates:` from smallwins.config.yaml to use the built-in templates";
      if (code !== "ENOENT" && code !== "ENOTDIR") {
        const cwd = process.cwd();
        throw explainFileError(error, { failed: `cannot read the templates folder ${displayPath(userDir, cwd)}`, otherwise, writing: userDir, cwd, reading: true });
      }
      throw new FileError(`the templates folder ${userDir} does not exist`, userDir, { cause: error, hint: `create it, or ${otherwise}` });
    });
    const userStyle = path.join(userDir, "style.css");
    try {
      await readFile(userStyle);
      stylesheetFile = userStyle;
    } catch {
      // No user stylesheet: keep the built-in one.
    }
  }
  const scripts = new Map<string, string>();
  for (const [file, sitePath] of SEARCH_SCRIPTS) scripts.set(sitePath, await readFile(file, "utf8"));
  return { templates, files, stylesheet: await readFile(stylesheetFile, "utf8"), stylesheetFile, scripts };
}

/** Every template, the stylesheet and the scripts, as one hash: the same fingerprint renders the same data to the same bytes. */
export function themeFingerprint(theme: Theme): string {
  const sorted = [...theme.templates].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash("sha1").update(JSON.stringify([sorted, theme.stylesheet, [...theme.scripts]])).digest("hex");
}
