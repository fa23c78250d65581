import { createHash } from "node:crypto";
import { readFile, rm, rmdir } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { dateInTimeZone } from "./model/calendar.js";
import { CONFIG_FILE, loadProject, type Project, type ProjectOptions } from "./config/load.js";
import { displayPath, listJournal } from "./io/journal.js";
import { isMarkdownPath } from "./parse/classify.js";
import { parseSources, readSources } from "./io/parse-journal.js";
import { loadTheme, themeFingerprint, type LoadedTheme } from "./io/theme.js";
import { checkOutputFolder, checkSitePaths, MANIFEST, manifestText, readManifest, tidyOutputFolder, writeSiteAtomically, type SiteFile } from "./io/write-site.js";
import { writeFileAtomically } from "./io/write-file.js";
import { compareDiagnostics, diagnostic, hasErrors, type Diagnostic } from "./model/diagnostic.js";
import type { SiteModel } from "./model/site.js";
import { parseJournalFile, type ParseResult } from "./parse/entry.js";
import { analyzeResults } from "./analysis.js";
import { createModelMemo, type ModelMemo } from "./aggregate/site-model.js";
import { createRenderer, TemplateError, type HtmlRenderer } from "./render/html.js";
import { createRouteMemo, stagedRoutes, type Page, type RouteMemo } from "./render/routes.js";
import { createExtrasMemo, EXTRA_PATHS, extraFiles, type ExtrasMemo } from "./render/site.js";

/** What one (re)build did. */
export interface BuildReport {
  /** Pages whose data changed and were rendered again. */
  readonly rendered: readonly string[];
  /** Files written to the output folder (pages and other files whose bytes changed). */
  readonly written: readonly string[];
  /** Files removed because no page has them any more. */
  readonly deleted: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
  readonly milliseconds: number;
  /** False when a template failed: the site stays as it was (day pages written ahead are put back). */
  readonly ok: boolean;
  /**
   * True when nothing the site is made from changed (every file read had the
   * bytes already known, and no config, template or day change): nothing was
   * rendered or written, and the diagnostics are those of the last build.
   */
  readonly unchanged?: boolean;
  readonly model?: SiteModel;
}

/** What changed since the last build, as absolute paths. */
export interface ChangeSet {
  readonly files: ReadonlySet<string>;
  /** Folders that disappeared (a folder renamed or deleted): every file under them is gone. */
  readonly removedDirs?: ReadonlySet<string>;
  /**
   * Folders to read again whole: every Markdown file under them is read (and
   * files known there that are gone are forgotten). For a folder that just
   * appeared, whose files a watcher may not have reported one by one.
   */
  readonly addedDirs?: ReadonlySet<string>;
}

interface FileState {
  readonly relPath: string;
  readonly hash: string;
  readonly result: ParseResult;
}

const sha1 = (data: string | Uint8Array): string => createHash("sha1").update(data).digest("hex");

/**
 * Keeps a site current: parses only files whose bytes changed, recomputes the
 * model with memos (only the months and days an edit reaches are walked and
 * summarized again), renders only the pages whose data changed, and deletes
 * pages that no longer exist. Changed day pages are written first, before the
 * model's summaries and the other pages are made; if a later page fails, they
 * are put back. A template or config change renders everything. The result
 * equals a clean build, byte for byte.
 */
export class IncrementalBuilder {
  private project!: Project;
  private theme!: LoadedTheme;
  /** Fingerprints of the config and theme the site was last rendered with. */
  private loadedConfig = "";
  private loadedTheme = "";
  private renderer: HtmlRenderer | undefined;
  private readonly files = new Map<string, FileState>();
  /** The last result of each file that parsed without errors: a broken save keeps the last good page. */
  private readonly lastGood = new Map<string, ParseResult>();
  /** What `results` gave last, kept while no file comes or goes: an edit replaces one item of it. */
  private resultList: ParseResult[] | undefined;
  private readonly resultIndex = new Map<string, number>();
  private pageKeys = new Map<string, string>();
  /** The page objects last rendered: routes give back the same object for a page whose inputs did not change. */
  private lastPages = new Map<string, Page>();
  private modelMemo: ModelMemo = createModelMemo();
  private routeMemo: RouteMemo = createRouteMemo();
  private extrasMemo: ExtrasMemo = createExtrasMemo();
  private outputKeys = new Map<string, string>();
  private written = new Set<string>();
  private started = false;
  /** Set when something the site is made from changed since the last render. */
  private dirty = false;
  /** Set when writing the last render failed: the next update renders, even with no change. */
  private stale = false;
  private last: { diagnostics: readonly Diagnostic[]; ok: boolean; model?: SiteModel } = { diagnostics: [], ok: true };
  /**
   * The config file's path, whether or not it exists yet: a config created,
   * changed or deleted while watching is noticed.
   */
  readonly configPath: string;

  constructor(private readonly options: ProjectOptions & { readonly cache?: boolean }) {
    this.configPath = path.resolve(options.cwd, options.config ?? CONFIG_FILE);
  }

  /** The loaded project (after the first build). */
  get current(): Project {
    return this.project;
  }

  /** The first build: reads everything and writes the whole site atomically. */
  async initial(): Promise<BuildReport> {
    const t0 = performance.now();
    await this.loadProjectAndTheme();
    this.forgetPages();
    this.files.clear();
    this.lastGood.clear();
    this.resultList = undefined;
    const project = this.project;
    // The first build reads like `build`: the parse cache, and every core.
    const sources = await readSources(project);
    const { results, saveCache } = await parseSources(project, sources, { cache: this.options.cache !== false });
    sources.forEach((source, i) => {
      const result = results[i]!;
      const file = path.join(project.journalDir, ...source.relPath.split("/"));
      this.files.set(file, { relPath: source.relPath, hash: sha1(source.bytes), result });
      if (!hasErrors(result.diagnostics)) this.lastGood.set(file, result);
    });
    const notSaved = await saveCache();
    this.started = true;
    const report = await this.render(t0, true);
    return notSaved ? { ...report, diagnostics: [...report.diagnostics, notSaved] } : report;
  }

  /** Applies a set of changes; config or template changes reload them and render everything. */
  async update(changes: ChangeSet): Promise<BuildReport> {
    if (!this.started) return this.initial();
    const t0 = performance.now();
    this.dirty = false;
    if (this.options.today === undefined) {
      // A watch that runs past midnight moves on to the new day.
      const today = dateInTimeZone(new Date(), this.project.timezone);
      if (today !== this.project.today) {
        this.project = { ...this.project, today };
        this.dirty = true;
      }
    }
    const configChanged = changes.files.has(this.configPath);
    const templatesDir = this.project.templatesDir;
    const touched = [...changes.files, ...(changes.addedDirs ?? []), ...(changes.removedDirs ?? [])];
    const templatesChanged = templatesDir !== undefined && touched.some((f) => f === templatesDir || isInside(f, templatesDir));
    // An event on the config or a template whose bytes did not change (a
    // touch, a second look) is no change: only new bytes mean a full render.
    if (configChanged && (await this.configFingerprint()) !== this.loadedConfig) {
      const before = this.project;
      await this.loadProjectAndTheme();
      // Another journal or output folder is another site: build it whole, atomically.
      if (before.journalDir !== this.project.journalDir || before.outDir !== this.project.outDir) return this.initial();
      this.forgetPages();
      this.dirty = true;
    } else if (templatesChanged) {
      const theme = await loadTheme(this.project.templatesDir);
      if (themeFingerprint(theme) !== this.loadedTheme) {
        this.theme = theme;
        this.loadedTheme = themeFingerprint(theme);
        this.renderer = undefined;
        this.forgetPages();
        this.dirty = true;
      }
    }
    const journalDir = this.project.journalDir;
    for (const dir of changes.removedDirs ?? []) {
      for (const file of [...this.files.keys()]) if (isInside(file, dir)) this.forget(file);
    }
    const relPathOf = (file: string): string => path.relative(journalDir, file).split(path.sep).join("/");
    for (const file of changes.files) {
      if (!isInside(file, journalDir) || !isMarkdownPath(file)) continue;
      await this.readOne(file, relPathOf(file));
    }
    for (const dir of changes.addedDirs ?? []) {
      if (dir !== journalDir && !isInside(dir, journalDir)) continue;
      const found = await listJournal(dir).catch((error: unknown) => {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT" || code === "ENOTDIR") return []; // Gone again: its removal is an event of its own.
        throw error;
      });
      const listed = new Set(found.map((f) => f.absolute));
      for (const file of listed) await this.readOne(file, relPathOf(file));
      for (const file of [...this.files.keys()]) if (isInside(file, dir) && !listed.has(file)) await this.readOne(file, relPathOf(file));
    }
    if (!this.dirty && !this.stale) {
      // Same bytes everywhere (a touch, or a second look at a file just read): the site is already current.
      return { rendered: [], written: [], deleted: [], diagnostics: this.last.diagnostics, milliseconds: performance.now() - t0, ok: this.last.ok, unchanged: true, ...(this.last.model ? { model: this.last.model } : {}) };
    }
    return this.render(t0, false);
  }

  /** Drops what the last render remembered, so that the next one makes and renders every page. */
  private forgetPages(): void {
    this.pageKeys.clear();
    this.lastPages.clear();
    this.modelMemo = createModelMemo();
    this.routeMemo = createRouteMemo();
    this.extrasMemo = createExtrasMemo();
  }

  private forget(file: string): void {
    if (this.files.delete(file)) {
      this.dirty = true;
      this.resultList = undefined;
    }
    this.lastGood.delete(file);
  }

  private async loadProjectAndTheme(): Promise<void> {
    // Nothing is kept until all of it loaded and the output folder is safe: a
    // config edited to point `out` at the journal must not be written to later.
    const config = await this.configFingerprint();
    const project = await loadProject(this.options);
    checkOutputFolder({ outDir: project.outDir, root: project.root, journalDir: project.journalDir });
    await tidyOutputFolder(project.outDir);
    const theme = await loadTheme(project.templatesDir);
    this.project = project;
    this.theme = theme;
    this.loadedConfig = config;
    this.loadedTheme = themeFingerprint(theme);
    this.renderer = undefined;
  }

  /** The config file's bytes as a hash ("none" when there is no file). */
  private async configFingerprint(): Promise<string> {
    try {
      return sha1(new Uint8Array(await readFile(this.configPath)));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return code === "ENOENT" || code === "ENOTDIR" ? "none" : `unreadable:${code ?? String(error)}`;
    }
  }

  /** Reads and parses one journal file, unless its bytes are unchanged; a vanished file is forgotten. */
  private async readOne(file: string, relPath: string): Promise<void> {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(file));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "EISDIR" || code === "ENOTDIR") {
        this.forget(file);
        return;
      }
      // One unreadable file (permissions, say) is that file's error, not the
      // end of the build: the rest of the change set still counts, and its last good entry stays.
      const shown = displayPath(file, this.project.cwd);
      const reason = code ?? (error instanceof Error ? error.message : String(error));
      const known = this.files.get(file);
      if (known?.hash === `unreadable:${reason}` && known.relPath === relPath) return;
      const result: ParseResult = { entry: null, diagnostics: [diagnostic("error", shown, { line: 1, column: 1 }, `cannot read the file: ${reason}`, "check that you may read it")] };
      this.setFile(file, { relPath, hash: `unreadable:${reason}`, result });
      this.dirty = true;
      return;
    }
    const hash = sha1(bytes);
    const known = this.files.get(file);
    if (known && known.hash === hash && known.relPath === relPath) return;
    const result = parseJournalFile({ file: displayPath(file, this.project.cwd), relPath, bytes });
    // An empty read is most often an editor's truncate-then-write caught in
    // between; it must not replace the last good entry, or a broken save that
    // follows would show an empty day instead of the last good one.
    const emptyRead = bytes.length === 0 && this.lastGood.has(file);
    if (!hasErrors(result.diagnostics) && !emptyRead) this.lastGood.set(file, result);
    this.setFile(file, { relPath, hash, result });
    this.dirty = true;
  }

  /** The results the model is made from: for a file with errors, its last good entry with today's errors. */
  private results(): ParseResult[] {
    if (!this.resultList) {
      this.resultList = [];
      this.resultIndex.clear();
      for (const file of this.files.keys()) {
        this.resultIndex.set(file, this.resultList.length);
        this.resultList.push(this.resultOf(file));
      }
    }
    return this.resultList;
  }

  private resultOf(file: string): ParseResult {
    const state = this.files.get(file)!;
    const good = this.lastGood.get(file);
    if (!hasErrors(state.result.diagnostics) || !good?.entry) return state.result;
    return { entry: good.entry, diagnostics: state.result.diagnostics };
  }

  /** Records a file's new state; a file that is new to the map is added to the list of results. */
  private setFile(file: string, state: FileState): void {
    this.files.set(file, state);
    const i = this.resultIndex.get(file);
    if (!this.resultList) return;
    if (i === undefined) {
      this.resultIndex.set(file, this.resultList.length);
      this.resultList.push(this.resultOf(file));
    } else this.resultList[i] = this.resultOf(file);
  }

  private async render(t0: number, whole: boolean): Promise<BuildReport> {
    const project = this.project;
    const analysis = analyzeResults(this.results(), project.config, project.today, this.modelMemo);
    const diagnostics = [...project.diagnostics, ...analysis.diagnostics];
    const fail = (error: TemplateError): BuildReport => {
      const file = this.theme.files.get(error.template) ?? `${error.template}.eta`;
      const shown = displayPath(file, project.cwd);
      const all = [...diagnostics, diagnostic("error", shown, { line: 1, column: 1 }, `template ${error.template}: ${error.message}`, "fix the template, or remove it to use the built-in one")];
      const sorted = all.sort(compareDiagnostics);
      this.last = { diagnostics: sorted, ok: false, model: analysis.model };
      return { rendered: [], written: [], deleted: [], diagnostics: sorted, milliseconds: performance.now() - t0, ok: false, model: analysis.model };
    };
    try {
      this.renderer ??= createRenderer(this.theme.templates);
    } catch (error) {
      if (error instanceof TemplateError) return fail(error);
      throw error;
    }

    const staged = stagedRoutes(analysis.model, this.routeMemo);
    // The maps of the last render are updated in place: an edit touches a few pages,
    // and rebuilding maps of every page on each edit would cost more than the edit.
    if (whole) {
      this.pageKeys.clear();
      this.lastPages.clear();
    }
    const renderer = this.renderer;
    const rendered: string[] = [];
    /** The pages among these whose data changed, rendered (or, for a whole site, to be rendered as written). */
    const changedAmong = (pages: readonly Page[]): SiteFile[] => {
      const changed: SiteFile[] = [];
      for (const page of pages) {
        // The same page object as last time was made from the same inputs: nothing to compare.
        if (this.lastPages.get(page.path) === page) continue;
        this.lastPages.set(page.path, page);
        // The page's data as text is its identity: comparing strings is cheaper
        // than hashing them, and the texts of a journal's pages fit in memory.
        const key = `${page.template}\0${JSON.stringify(page.data)}`;
        if (this.pageKeys.get(page.path) === key) continue;
        this.pageKeys.set(page.path, key);
        // A whole site is rendered page by page as it is written, as `build` does, so it is never all in memory.
        changed.push({ path: page.path, contents: whole ? () => renderer.render(page) : renderer.render(page) });
        rendered.push(page.path);
      }
      return changed;
    };
    const outDir = project.outDir;
    const writeNow = async (files: readonly SiteFile[]): Promise<void> => {
      for (const file of files) await writeFileAtomically(path.join(outDir, ...file.path.split("/")), typeof file.contents === "function" ? file.contents() : file.contents);
    };
    const changed: SiteFile[] = [];
    /** Day pages written ahead of the rest, with their bytes before: put back if a later page fails. */
    const early: { readonly path: string; readonly previous: Buffer | undefined }[] = [];
    let others: Page[] = [];
    try {
      const dayPages = changedAmong(staged.days);
      // An edit shows on its day's page first: written before the model's summaries and the other pages are made.
      // Only pages already on disk, whose paths passed the path rules when first written; a new page waits for the check below.
      if (!whole && dayPages.every((f) => this.written.has(f.path))) {
        for (const file of dayPages) {
          const target = path.join(outDir, ...file.path.split("/"));
          early.push({ path: file.path, previous: await readFile(target).catch(() => undefined) });
          await writeNow([file]);
        }
      } else changed.push(...dayPages);
      others = staged.others();
      changed.push(...changedAmong(others));
    } catch (error) {
      // What was not rendered (or written) is not current: the next render looks at every page again.
      this.lastPages.clear();
      this.pageKeys.clear();
      if (error instanceof TemplateError) {
        // A failed build leaves the site as it was: the day pages written ahead are put back.
        for (const { path: page, previous } of early) {
          const target = path.join(outDir, ...page.split("/"));
          if (previous) await writeFileAtomically(target, previous);
          else await rm(target, { force: true });
        }
        return fail(error);
      }
      this.outputKeys.clear();
      this.stale = true;
      throw error;
    }
    if (this.lastPages.size !== staged.days.length + others.length) {
      // Pages that are gone (a day's last file deleted): forget them.
      const current = new Set([...staged.days, ...others].map((p) => p.path));
      for (const gone of [...this.lastPages.keys()].filter((p) => !current.has(p))) {
        this.lastPages.delete(gone);
        this.pageKeys.delete(gone);
      }
    }

    let written: string[];
    let deleted: string[] = [];
    try {
      if (whole) {
        const extras = extraFiles(analysis.model, this.theme, this.extrasMemo);
        const all = [...changed, ...extras];
        await writeSiteAtomically(outDir, all);
        written = all.map((f) => f.path);
        this.written = await readManifest(outDir);
        this.outputKeys = new Map(extras.map((f) => [f.path, f.contents]));
      } else {
        const paths = [...this.pageKeys.keys(), ...EXTRA_PATHS];
        // The same path rules as a whole build (nothing outside the output folder, no two
        // pages on one file); paths that all passed them last time pass them again.
        if (paths.some((p) => !this.written.has(p))) checkSitePaths(paths.map((p) => ({ path: p, contents: "" })));
        // Changed pages before the feed and wins.json: the page just edited shows as soon as it can.
        await writeNow(changed);
        const extras = extraFiles(analysis.model, this.theme, this.extrasMemo);
        const extrasChanged = extras.filter((f) => this.outputKeys.get(f.path) !== f.contents);
        for (const file of extrasChanged) await writeFileAtomically(path.join(outDir, ...file.path.split("/")), file.contents);
        this.outputKeys = new Map(extras.map((f) => [f.path, f.contents]));
        written = [...early.map((f) => f.path), ...[...changed, ...extrasChanged].map((f) => f.path)];
        const next = new Set(paths);
        deleted = [...this.written].filter((p) => !next.has(p));
        for (const gone of deleted) {
          const file = path.join(outDir, ...gone.split("/"));
          await rm(file, { force: true });
          // A clean build has no empty folders either (e.g. areas/ after the last area went).
          await rmdir(path.dirname(file)).catch(() => undefined);
        }
        // The manifest lists paths: it changes only when a page comes or goes.
        if (deleted.length || paths.length !== this.written.size) {
          this.written = next;
          await writeFileAtomically(path.join(outDir, MANIFEST), manifestText(this.written));
        }
      }
    } catch (error) {
      // The page maps were updated as pages were rendered: after a failed write they
      // would claim pages are on disk that are not. The next render writes every page.
      this.lastPages.clear();
      this.pageKeys.clear();
      this.outputKeys.clear();
      this.stale = true;
      if (error instanceof TemplateError) return fail(error);
      throw error;
    }
    this.stale = false;
    this.last = { diagnostics, ok: true, model: analysis.model };
    return { rendered, written, deleted, diagnostics, milliseconds: performance.now() - t0, ok: true, model: analysis.model };
  }
}

function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
}
