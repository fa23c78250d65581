/**
 * Which journal files the site publishes (§6 "Files beside entries"): those
 * that published text references, decided by the same privacy rules as the
 * pages that show the text. The shell copies them; this module names them.
 */
import { isImagePath, publishedFileName, resizedFileName, type FileToPublish } from "../aggregate/files.js";
import { memoFilesToPublish, type FilesMemo } from "../memo/files-memo.js";
import type { Links, PublishedFile, SiteModel } from "../model/site.js";
import { mayPublish } from "./privacy.js";

/**
 * The files the model's pages show: those referenced from a body that a
 * page publishes (a day's note, a week's reflection, under the config's
 * `publish` mode and `private:`), each once, in sorted order, with the first
 * place that references it. Text a page hides publishes no file.
 */
export function filesToPublish(model: SiteModel, memo?: FilesMemo): FileToPublish[] {
  const mode = model.config.publish;
  // The reflections as the model lists them, not its week summaries: those are made on first use, after a watch writes the edited day's page.
  return memoFilesToPublish(memo, model.links.files, mode, model.days, model.reflections, (isPrivate) => mayPublish(mode, "note", isPrivate));
}

/**
 * The model with the files it publishes, as the shell found them (their sizes
 * in pixels): the pages link to these. The model's lazy parts stay lazy (its
 * getters are carried over, not called), so a watch still writes the edited
 * day's page before the weeks, areas and habits are summarized. `last` is
 * the links of the last build and what they were made from.
 */
export function withPublishedFiles(model: SiteModel, published: ReadonlyMap<string, PublishedFile>, last?: { readonly from: Links; readonly links: Links }): SiteModel {
  const descriptors = Object.getOwnPropertyDescriptors(model);
  // The same links with the same published files are last build's object: the pages made from it are then told unchanged by identity.
  const links = last && last.from === model.links && last.links.published === published ? last.links : { ...model.links, published };
  return Object.defineProperties({}, { ...descriptors, links: { ...descriptors.links, value: links } }) as SiteModel;
}

/**
 * The published files of the last build when these are the same files shown
 * the same way, else these: the pages' links then stay the same objects, so
 * the pages a watch did not touch are told unchanged by identity.
 */
export function keepPublished(last: ReadonlyMap<string, PublishedFile> | undefined, now: ReadonlyMap<string, PublishedFile>): ReadonlyMap<string, PublishedFile> {
  if (!last || last.size !== now.size) return now;
  for (const [relPath, file] of now) {
    const known = last.get(relPath);
    // The shell gives an unchanged file as the same object (see lookAtFiles): compared by value only when not.
    if (known !== file && (!known || JSON.stringify(known) !== JSON.stringify(file))) return now;
  }
  return last;
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
