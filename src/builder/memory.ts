/**
 * Everything a builder remembers between builds, in one place, and how it is
 * invalidated. A cold build starts with an empty memory; a watch keeps one.
 *
 * | remembered                       | where                      | keyed by                    | invalidated by                                   |
 * |----------------------------------|----------------------------|-----------------------------|--------------------------------------------------|
 * | parsed journal files             | `journal` (JournalFiles)   | absolute path, bytes' hash  | new bytes; a file or folder gone                 |
 * | month walks, day/week/habit sums | `model` (ModelMemo)        | month, date, week, slug     | see src/memo/model-memo.ts; config, today        |
 * | day, week and year pages         | `routes` (RouteMemo)       | summary object, year        | see src/memo/route-memo.ts; config, today, areas |
 * | wins.json lines                  | `extras` (ExtrasMemo)      | summary object              | see src/memo/wins-json-memo.ts; config           |
 * | files to publish, as looked at   | `looked`                   | the list and the listing    | a change to a file not an entry; config          |
 * | each page's template and data    | `pages` (RenderedPages)    | page path                   | different data (by value): rendered again        |
 * | feed.xml, wins.json, style.css   | `extras written`           | file path                   | different contents: the file is written again    |
 * | the files in the output folder   | `written` (its manifest)   | file path                   | a page gone: its file is deleted                 |
 *
 * The coarse fallback, as Hugo's "rebuild all": a config or template change
 * forgets every model, page and rendered memory (`forgetPages`), so the next
 * build makes and renders every page; another journal or output folder starts
 * over with a cold build. After a failed write the rendered pages are
 * forgotten too, so the next build writes every page again.
 */
import { dequal } from "dequal/lite";
import type { FileToPublish } from "../aggregate/files.js";
import type { CopiedFile, JournalOtherFiles, LookedAt, SeenFiles } from "../io/published-files.js";
import type { Links, PublishedFile } from "../model/site.js";
import { createModelMemo, type ModelMemo } from "../memo/model-memo.js";
import { createRouteMemo, type RouteMemo } from "../memo/route-memo.js";
import { createFilesMemo, type FilesMemo } from "../memo/files-memo.js";
import type { Page } from "../render/routes.js";
import { createExtrasMemo, type ExtrasMemo, type OutputFile } from "../render/site.js";
import { JournalFiles } from "./journal-files.js";

/**
 * Which pages' data changed since they were last rendered: by path, the page
 * object last rendered (or found equal to it). A page's data is compared by
 * value, part by part, and a part that is the same object (a day's row that a
 * memo kept, a whole summary) is equal without being looked into: a tag page
 * of a thousand days, of which an edit changed one, compares in a thousand
 * pointer checks, not by turning a megabyte of data into text.
 */
export class RenderedPages {
  private readonly objects = new Map<string, Page>();
  /**
   * By group (the day pages, the other pages), the list of pages last gone
   * through whole (see `unseen`), while nothing was forgotten since: each of
   * its pages is the object remembered for its path.
   */
  private readonly lists = new Map<string, readonly Page[]>();
  private pathsChanged = true;

  /** Forgets every page: the next build renders each. */
  forget(): void {
    this.objects.clear();
    this.lists.clear();
    this.pathsChanged = true;
  }

  /**
   * Of a group's pages, those that may have changed, for `changed`: a page
   * that is the very object at the same place of the group's list last gone
   * through (`through`) was remembered then, so it is passed over without a
   * lookup. An edit at 40,000 entries then looks at its own pages, not at
   * 40,000 paths. Until `through`, the group has no list: an update cut short
   * in between looks at every page of the group next time.
   */
  unseen(group: string, pages: readonly Page[]): readonly Page[] {
    const last = this.lists.get(group);
    this.lists.delete(group);
    if (last === undefined || last.length !== pages.length) return pages;
    const out: Page[] = [];
    for (let i = 0; i < pages.length; i++) if (pages[i] !== last[i]) out.push(pages[i]!);
    return out;
  }

  /** Says that every page of `unseen(group, pages)` was given to `changed`: the group's next `unseen` compares with these. */
  through(group: string, pages: readonly Page[]): void {
    this.lists.set(group, pages);
  }

  /**
   * The pages among these whose data changed since they were last rendered,
   * remembered from now on as rendered. The map is updated in place: an
   * edit touches a few pages, and rebuilding a map of every page on each edit
   * would cost more than the edit.
   */
  changed(pages: readonly Page[]): Page[] {
    const out: Page[] = [];
    for (const page of pages) {
      // The same page object as last time was made from the same inputs: nothing to compare.
      const known = this.objects.get(page.path);
      if (known === page) continue;
      if (known === undefined) this.pathsChanged = true;
      this.objects.set(page.path, page);
      if (known !== undefined && known.template === page.template && dequal(known.data, page.data)) continue;
      out.push(page);
    }
    return out;
  }

  /** Forgets the pages that are not among the `current` lists any more (a day's last file deleted). */
  forgetGone(...current: readonly (readonly Page[])[]): void {
    if (this.objects.size === current.reduce((n, list) => n + list.length, 0)) return;
    const paths = new Set(current.flatMap((list) => list.map((p) => p.path)));
    for (const gone of [...this.objects.keys()].filter((p) => !paths.has(p))) {
      this.objects.delete(gone);
      this.lists.clear();
      this.pathsChanged = true;
    }
  }

  /** Forgets these pages as rendered (they were not written): the next build renders and writes them. */
  forgetPaths(paths: readonly string[]): void {
    for (const p of paths) this.objects.delete(p);
    if (paths.length > 0) {
      this.lists.clear();
      this.pathsChanged = true;
    }
  }

  /** Whether a page came or went since the last call (and since the last forget): the site's list of files must then be made again. */
  takePathsChanged(): boolean {
    const changed = this.pathsChanged;
    this.pathsChanged = false;
    return changed;
  }

  /** The path of every page remembered. */
  paths(): IterableIterator<string> {
    return this.objects.keys();
  }
}

/** What a builder keeps from one build to the next (see the table above). */
export class BuildMemory {
  readonly journal = new JournalFiles();
  model: ModelMemo = createModelMemo();
  routes: RouteMemo = createRouteMemo();
  extras: ExtrasMemo = createExtrasMemo();
  readonly pages = new RenderedPages();
  /** feed.xml, wins.json, style.css and the search files as last written (a file's text is read only to compare). */
  extrasWritten = new Map<string, OutputFile>();
  /** The files the output folder holds from smallwins (its manifest). */
  written = new Set<string>();
  /** The paths of the pages, and of the other files and copies, as the last update listed them: made again only when one comes or goes. */
  pagePaths: readonly string[] | undefined;
  otherPaths: readonly string[] | undefined;
  /** Journal files copied into the site: by site path, the journal file and its stamp when copied. */
  copied = new Map<string, string>();
  /** The list of copies the last update made sure of (the same object while the files to publish were not looked at again): all on disk. */
  copiedList: readonly CopiedFile[] | undefined;
  /** The journal's files published, as last looked at (a picture's size), by absolute path and stamp. */
  readonly seenFiles: SeenFiles = new Map();
  /** The last look at the files to publish: the list and the listing it was made for, and what it found. */
  looked: { readonly toPublish: readonly FileToPublish[]; readonly files: JournalOtherFiles; readonly looked: LookedAt } | undefined;
  /** Which files each day's bodies referenced, for the list of files to publish. */
  files: FilesMemo = createFilesMemo();
  /** The last build's links with its published files, and the links they were made from (see withPublishedFiles). */
  linksWithFiles: { readonly from: Links; readonly links: Links } | undefined;
  /** How the last build's pages show the files they publish, kept while unchanged (see keepPublished). */
  published: ReadonlyMap<string, PublishedFile> | undefined;

  /** Forgets what was made from the config, the templates and today: the next build makes and renders every page. */
  forgetPages(): void {
    this.pages.forget();
    this.model = createModelMemo();
    this.routes = createRouteMemo();
    this.extras = createExtrasMemo();
    this.files = createFilesMemo();
    this.looked = undefined;
  }

  /** After a failed write: nothing rendered or written can be trusted to be on disk, so the next build writes every page. */
  forgetWrites(): void {
    this.pages.forget();
    this.pagePaths = undefined;
    this.otherPaths = undefined;
    this.extrasWritten.clear();
    this.copied.clear();
    this.copiedList = undefined;
  }
}
