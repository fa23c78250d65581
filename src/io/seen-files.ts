/**
 * What the files a site publishes were seen as (a picture's size, its resized
 * copies), kept between builds in `.smallwins-cache/files-v1.json`, by each
 * file's absolute path and stamp (size, modification time, inode): a warm
 * build reads no picture's header and hashes no photo that has not changed.
 * Only a cache: a file that is missing, damaged or of another format is
 * ignored, and each resized copy is still looked for before it is trusted.
 */
import path from "node:path";
import type { Diagnostic } from "../model/diagnostic.js";
import { CACHE_DIR, readCheckedText, saveCheckedText } from "./cache.js";
import { IMAGES_FORMAT } from "./images.js";
import type { SeenFile, SeenFiles } from "./published-files.js";

/** The file's name; its number is raised whenever what is kept for a file changes. */
const FILE = "files-v1.json";

/** The files seen by the last build of the project at `root`, or none when the cache cannot be trusted. */
export async function loadSeenFiles(root: string, tool: string): Promise<SeenFiles> {
  const text = await readCheckedText(path.join(root, CACHE_DIR, FILE));
  if (text === undefined) return new Map();
  try {
    const stored = JSON.parse(text) as { tool?: unknown; images?: unknown; files?: unknown };
    // Copies encoded with other settings are not reused (see IMAGES_FORMAT).
    if (stored.tool !== tool || stored.images !== IMAGES_FORMAT || !Array.isArray(stored.files)) return new Map();
    const seen: SeenFiles = new Map();
    // A resized copy is published from where the cache says it is: only ever from the cache's own images folder.
    const images = path.join(root, CACHE_DIR, "images");
    const inImages = (copy: string): boolean => path.dirname(copy) === images && /^[0-9a-f]{32}-v\d+-\d+\.[a-z]+$/.test(path.basename(copy));
    for (const item of stored.files as unknown[]) {
      if (!Array.isArray(item) || typeof item[0] !== "string" || !isSeenFile(item[1])) continue;
      const resized = item[1].resized;
      if (resized && "copies" in resized && !resized.copies.every((c) => inImages(c.file))) continue;
      seen.set(item[0], item[1]);
    }
    return seen;
  } catch {
    return new Map();
  }
}

/** Keeps `seen` (only the files of `keep`, the absolute paths this build published) for the next build; a cache that cannot be written is a warning. */
export function saveSeenFiles(root: string, tool: string, seen: SeenFiles, keep: ReadonlySet<string>, cwd: string): Promise<Diagnostic | undefined> {
  const files = [...seen].filter(([absolute]) => keep.has(absolute));
  const text = JSON.stringify({ tool, images: IMAGES_FORMAT, files });
  return saveCheckedText(path.join(root, CACHE_DIR, FILE), text, cwd);
}

const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** Whether a stored value has the shape of a SeenFile (a damaged cache must not reach the pages). */
function isSeenFile(v: unknown): v is SeenFile {
  if (!isObject(v) || typeof v.stamp !== "string") return false;
  if (v.size !== undefined && !(isObject(v.size) && isNumber(v.size.width) && isNumber(v.size.height))) return false;
  if (v.problem !== undefined && typeof v.problem !== "string") return false;
  const resized = v.resized;
  if (resized === undefined) return true;
  if (!isObject(resized) || !isNumber(resized.maxWidth)) return false;
  if ("problem" in resized) return typeof resized.problem === "string";
  return Array.isArray(resized.copies) && resized.copies.every((c: unknown) => isObject(c) && isNumber(c.width) && isNumber(c.height) && typeof c.ext === "string" && typeof c.file === "string");
}
