/**
 * Which journal files the site publishes (§6 "Files beside entries"): those
 * that published text references, decided by the same privacy rules as the
 * pages that show the text. The shell copies them; this module names them.
 */
import { isImagePath, publishedFileName, publishedFiles, resizedFileName, type FileToPublish } from "../aggregate/files.js";
import type { PublishedFile, SiteModel } from "../model/site.js";
import { mayPublish } from "./privacy.js";

/**
 * The files the model's pages show: those referenced from a body that a
 * page publishes (a day's note, a week's reflection, under the config's
 * `publish` mode and `private:`), each once, in sorted order, with the first
 * place that references it. Text a page hides publishes no file.
 */
export function filesToPublish(model: SiteModel): FileToPublish[] {
  const mode = model.config.publish;
  const bodies = [...model.days.flatMap((d) => d.bodies), ...model.weeks.flatMap((w) => (w.reflection ? [w.reflection] : []))];
  return publishedFiles(
    model.links.files,
    bodies.map((b) => ({ references: b.references, file: b.file, relPath: b.relPath, published: mayPublish(mode, "note", b.private) })),
  );
}

/** The model with the files it publishes, as the shell found them (their sizes in pixels): the pages link to these. */
export function withPublishedFiles(model: SiteModel, published: ReadonlyMap<string, PublishedFile>): SiteModel {
  return { ...model, links: { ...model.links, published } };
}

/** How a file the site publishes is shown: its published path, whether it is a picture, and its size when known. */
export function publishedFile(relPath: string, size?: { readonly width: number; readonly height: number }): PublishedFile {
  return { path: publishedFileName(relPath), image: isImagePath(relPath), ...(size ? { width: size.width, height: size.height } : {}) };
}

/** The widths a picture `width` pixels wide is published at: none when it fits in `maxWidth`; else `maxWidth`, and half of it for phones (`srcset`). */
export function resizedWidths(width: number, maxWidth: number): number[] {
  if (width <= maxWidth) return [];
  return [Math.round(maxWidth / 2), maxWidth];
}

/**
 * A picture published as resized copies (`variants`, smallest first): the
 * page shows the largest, offers all of them in `srcset`, and a link to the
 * picture leads to the original when `originals` publishes it, else to the largest copy.
 */
export function resizedPicture(relPath: string, variants: readonly { readonly width: number; readonly height: number; readonly ext: string }[], originals: boolean): PublishedFile {
  const srcset = variants.map((v) => ({ path: resizedFileName(relPath, v.width, v.ext), width: v.width }));
  const largest = variants[variants.length - 1]!;
  const src = srcset[srcset.length - 1]!.path;
  return { path: originals ? publishedFileName(relPath) : src, image: true, width: largest.width, height: largest.height, ...(originals ? { src } : {}), srcset };
}
