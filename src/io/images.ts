/**
 * Resizing photos beside entries (§6) with sharp, in the shell only: a
 * picture wider than `images.maxWidth` is published as resized copies. Each
 * copy is kept in `.smallwins-cache/images/` under the SHA-256 of the
 * original's bytes and its width, so a warm build or a watch re-encodes
 * nothing. sharp (libvips) is loaded on first use: a journal whose pictures
 * all fit never pays for it.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import path from "node:path";
import pLimit from "p-limit";
import { CACHE_DIR } from "./cache.js";
import { temporaryFileName } from "./leftovers.js";
import { makeFolders } from "./write-file.js";

/** Bumped when the encoding settings change, so that no copy made with the old ones is reused. */
export const IMAGES_FORMAT = 2;

/** The largest picture sharp is asked to decode (pixels): a 40-megapixel photo is fine, a decompression bomb is refused. */
const LIMIT_INPUT_PIXELS = 100_000_000;

/** One resized copy, made or found in the cache. */
export interface ResizedCopy {
  readonly width: number;
  readonly height: number;
  readonly ext: string;
  /** The copy in the cache folder, absolute. */
  readonly file: string;
}

/**
 * One picture encoded per core at a time. sharp gives each picture one libvips
 * thread on Linux with glibc (its default there), so pictures side by side are
 * what fills the cores; more at once would only hold more decoded pixels in
 * memory.
 */
const encoding = pLimit(availableParallelism());

/** How many pictures this process has encoded (for tests and the build summary: a warm build encodes none). */
export let encodeCount = 0;

/** The extension a resized copy of `relPath` gets: its own for JPEG, PNG and WebP; undefined for a picture published as it is (GIF may move, AVIF is slow to encode). */
export function resizedExtension(relPath: string): string | undefined {
  const ext = path.extname(relPath).slice(1).toLowerCase();
  if (ext === "jpg" || ext === "jpeg") return "jpg";
  return ext === "png" || ext === "webp" ? ext : undefined;
}

/** SHA-256 of a file's bytes, read as a stream (a photo is never all in memory for it). */
async function hashFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * The resized copies of the picture at `absolute` at `widths` (smallest
 * first), from the cache in `root/.smallwins-cache/images/` or made now and
 * kept there. Turned upright as its EXIF orientation says; its metadata
 * (EXIF, GPS) is not kept. Throws when the picture cannot be decoded.
 */
export async function resizePicture(root: string, absolute: string, ext: string, widths: readonly number[]): Promise<ResizedCopy[]> {
  const dir = path.join(root, CACHE_DIR, "images");
  const hash = await hashFile(absolute);
  const copies: ResizedCopy[] = [];
  for (const width of widths) {
    const file = path.join(dir, `${hash.slice(0, 32)}-v${IMAGES_FORMAT}-${width}.${ext}`);
    const height = await cachedHeight(file);
    if (height !== undefined) {
      copies.push({ width, height, ext, file });
      continue;
    }
    const { default: sharp } = await import("sharp");
    // Each picture is read once: libvips' cache of operations would only hold memory.
    sharp.cache(false);
    await makeFolders(dir);
    const tmp = temporaryFileName(file);
    try {
      const image = sharp(absolute, { limitInputPixels: LIMIT_INPUT_PIXELS, failOn: "warning" }).rotate().resize({ width, withoutEnlargement: true });
      const encoded = ext === "jpg" ? image.jpeg({ quality: 80 }) : ext === "png" ? image.png({ compressionLevel: 9 }) : image.webp({ quality: 80 });
      const info = await encoding(() => encoded.toFile(tmp));
      encodeCount++;
      await rename(tmp, file);
      copies.push({ width: info.width, height: info.height, ext, file });
    } catch (error) {
      await rm(tmp, { force: true }).catch(() => undefined);
      throw error;
    }
  }
  return copies;
}

/** The height of a cached copy, read from its header, or undefined when it is not in the cache (or unreadable). */
async function cachedHeight(file: string): Promise<number | undefined> {
  if (!(await stat(file).catch(() => undefined))?.isFile()) return undefined;
  try {
    const { imageSizeFromFile } = await import("image-size/fromFile");
    return (await imageSizeFromFile(file)).height;
  } catch {
    return undefined;
  }
}
