/**
 * Which journal files the site publishes (§6 "Files beside entries"): those
 * that published text references, decided by the same privacy rules as the
 * pages that show the text. The shell copies them; this module names them.
 */
import { isFileReference, isImagePath, publishedFileName, resolveFile } from "../aggregate/files.js";
import type { Place } from "../model/entry.js";
import type { PublishedFile, SiteModel } from "../model/site.js";
import { mayPublish } from "./privacy.js";

/** A file the site publishes, and the first published place that references it (for a warning about the file itself). */
export interface FileToPublish {
  readonly relPath: string;
  readonly file: string;
  readonly at: Place;
}

/**
 * The files the model's pages show: those referenced from a body that a
 * page publishes (a day's note, a week's reflection, under the config's
 * `publish` mode and `private:`), each once, in sorted order, with the first
 * place that references it. Text a page hides publishes no file.
 */
export function filesToPublish(model: SiteModel): FileToPublish[] {
  const mode = model.config.publish;
  const first = new Map<string, FileToPublish>();
  const bodies = [...model.days.flatMap((d) => d.bodies), ...model.weeks.flatMap((w) => (w.reflection ? [w.reflection] : []))];
  for (const body of bodies) {
    if (!mayPublish(mode, "note", body.private)) continue;
    for (const ref of body.references) {
      if (!isFileReference(ref)) continue;
      const outcome = resolveFile(model.links.files, ref, body.relPath);
      if ("relPath" in outcome && !first.has(outcome.relPath)) first.set(outcome.relPath, { relPath: outcome.relPath, file: body.file, at: ref.at });
    }
  }
  return [...first.values()].sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
}

/** The model with the files it publishes, as the shell found them (their sizes in pixels): the pages link to these. */
export function withPublishedFiles(model: SiteModel, published: ReadonlyMap<string, PublishedFile>): SiteModel {
  return { ...model, links: { ...model.links, published } };
}

/** How a file the site publishes is shown: its published path, whether it is a picture, and its size when known. */
export function publishedFile(relPath: string, size?: { readonly width: number; readonly height: number }): PublishedFile {
  return { path: publishedFileName(relPath), image: isImagePath(relPath), ...(size ? { width: size.width, height: size.height } : {}) };
}
