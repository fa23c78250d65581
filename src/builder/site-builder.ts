/**
 * The one pipeline every command and the library run:
 *
 *   journal ─▶ entries ─▶ model ─▶ pages ─▶ files ─▶ site
 *   (JournalFiles) (analyzeResults) (routes) (render) (write)
 *
 * `initial()` is a cold build: every stage with an empty memory, the whole
 * site written atomically. `update(changes)` runs the same stages with the
 * memory of the builds before it (src/builder/memory.ts): only changed files
 * are parsed, only changed months and days summarized, only pages whose data
 * changed rendered, and those written in place; changed day pages go first,
 * before the model's summaries and the other pages are made. A template or
 * config change renders everything. The result equals a cold build, byte for byte.
 */
import { createHash } from "node:crypto";
import diagnostics_channel from "node:diagnostics_channel";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { analyzeResults, type Analysis } from "../analysis.js";
import { CONFIG_FILE, loadProject, type Project, type ProjectOptions } from "../config/load.js";
import { PageCache, pageHash } from "../io/cache.js";
import { displayPath } from "../io/journal.js";
import { loadTheme, themeFingerprint, type LoadedTheme } from "../io/theme.js";
import { lookAtFiles, readOtherFiles, stampText, type CopiedFile, type JournalOtherFiles, type SeenFile } from "../io/published-files.js";
import { loadSeenFiles, saveSeenFiles } from "../io/seen-files.js";
import { copySiteFiles, putBack, removeGone, writeAhead, writeManifest, writeSiteFiles, type WrittenAhead } from "../io/write-changes.js";
import { checkOutputFolder, checkSitePaths, readManifest, tidyOutputFolder, writeSiteAtomically, type FileStamp, type SiteFile } from "../io/write-site.js";
import { dateInTimeZone } from "../model/calendar.js";
import { compareDiagnostics, diagnostic, type Diagnostic } from "../model/diagnostic.js";
import type { SiteModel } from "../model/site.js";
import { filesToPublish, keepPublished, withPublishedFiles } from "../render/files.js";
import { createRenderer, TemplateError, type HtmlRenderer } from "../render/html.js";
import { routes, stagedRoutes, type Page } from "../render/routes.js";
import { extraFiles, knownChange } from "../render/site.js";
import { VERSION } from "../version.js";
import { isMarkdownPath } from "../parse/classify.js";
import { isInside, type ChangeSet } from "./journal-files.js";
import { BuildMemory } from "./memory.js";

export type { ChangeSet } from "./journal-files.js";

/** The phase a build is in, for progress bars. */
export type BuildPhase = "parse" | "render";

/** How a builder builds. */
export interface BuilderOptions extends ProjectOptions {
  /** Use and update the parse cache in `.smallwins-cache/` (default true; `--no-cache` turns it off). */
  readonly cache?: boolean;
  /** Carry unchanged pages over from the current site on a cold build, by the page cache in `.smallwins-cache/` (default false). */
  readonly pageCache?: boolean;
  /** Keep what later updates need (default true); a one-off build does not, and skips hashing files and pages for them. */
  readonly remember?: boolean;
  readonly onProgress?: (phase: BuildPhase, done: number, total: number) => void;
}

/** What one (re)build did. */
export interface BuildReport {
  /** Pages whose data changed and were rendered again (a cold build: every page). */
  readonly rendered: readonly string[];
  /** Files written to the output folder (pages and other files whose bytes changed). */
  readonly written: readonly string[];
  /** Files removed because no page has them any more. */
  readonly deleted: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
  readonly milliseconds: number;
  /**
   * True when an update stopped once its day pages were written, for a newer
   * change (see SiteBuilder.update's `yieldTo`): the next update does the rest.
   */
  readonly partial?: boolean;
  /** False when a template failed: the site stays as it was (day pages written ahead are put back). */
  readonly ok: boolean;
  /** When a template failed: its diagnostic, also among `diagnostics`. */
  readonly failure?: Diagnostic;
  /**
   * True when nothing the site is made from changed (every file read had the
   * bytes already known, and no config, template or day change): nothing was
   * rendered or written, and the diagnostics are those of the last build.
   */
  readonly unchanged?: boolean;
  readonly model?: SiteModel;
}

/** How often a cut-short-able update looks whether a newer change waits, in milliseconds of its work. */
const YIELD_EVERY_MS = 2;

const sameStrings = (a: readonly string[] | undefined, b: readonly string[]): boolean => a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

const sha1 = (data: string | Uint8Array): string => createHash("sha1").update(data).digest("hex");

/**
 * The diagnostics channel on which every build says when it starts and ends
 * (`{ event: "start", build }`, then `{ event: "end", build, report }`, or
 * `error`): for tools and tests that watch a running smallwins from outside
 * (a `--import` hook subscribes with `diagnostics_channel.subscribe`), at no
 * cost when nobody listens.
 */
export const BUILD_CHANNEL = "smallwins:build";
const buildChannel = diagnostics_channel.channel(BUILD_CHANNEL);

/** Runs a build, saying on the build channel when it starts and how it ends. */
async function traced(build: "initial" | "update", run: () => Promise<BuildReport>): Promise<BuildReport> {
  if (!buildChannel.hasSubscribers) return run();
  buildChannel.publish({ event: "start", build });
  try {
    const report = await run();
    buildChannel.publish({ event: "end", build, report });
    return report;
  } catch (error) {
    buildChannel.publish({ event: "end", build, error });
    throw error;
  }
}

/** A template failure as a located diagnostic: the template's file, and what to do. */
export function templateDiagnostic(error: TemplateError, theme: LoadedTheme, cwd: string): Diagnostic {
  const file = theme.files.get(error.template) ?? `${error.template}.eta`;
  return diagnostic("error", displayPath(file, cwd), { line: 1, column: 1 }, `template ${error.template}: ${error.message}`, "fix the template, or remove it to use the built-in one");
}

/** A project with its journal read and its model computed. */
export interface AnalyzedProject {
  readonly project: Project;
  readonly analysis: Analysis;
  /** Writes the parse cache (when the builder uses it); call it once the work has succeeded. A cache that cannot be written gives a warning. */
  readonly saveCache: () => Promise<Diagnostic | undefined>;
}

/** A project analysed, with the theme to render it with, and the journal files its pages publish (the model links to them). */
export interface PreparedBuild extends AnalyzedProject {
  readonly theme: LoadedTheme;
  readonly copies: readonly CopiedFile[];
}

/** The model with the files it publishes, the copies to make, and the warnings about those files. */
interface WithFiles {
  readonly model: SiteModel;
  readonly copies: readonly CopiedFile[];
  readonly diagnostics: readonly Diagnostic[];
}

/** The absolute paths of the journal's other files under `dir` (none when it is gone again). */
function attemptList(dir: string): string[] {
  try {
    return [...readOtherFiles(dir).absolute.values()];
  } catch {
    return [];
  }
}

/** What a copy in the site was made from: the journal file and its stamp. */
const copyKey = (copy: CopiedFile): string => `${copy.copyFrom}\0${copy.stamp}`;

/** Builds a site and keeps it current. */
export class SiteBuilder {
  private project!: Project;
  private theme!: LoadedTheme;
  /** Fingerprints of the config and theme the site was last rendered with. */
  private loadedConfig = "";
  private loadedTheme = "";
  private renderer: HtmlRenderer | undefined;
  private readonly memory = new BuildMemory();
  private started = false;
  /** Set when the config, the templates or today changed since the last render. */
  private dirty = false;
  /** Set when writing the last render failed, or it was cut short for a newer change: the next update renders, even with no change. */
  private stale = false;
  /** Whether the files the last build saw were loaded from the cache into memory (a remembering builder loads them once). */
  private seenLoaded = false;
  /**
   * The files to look at again at the next look (stat, header), by absolute
   * path or folder, gathered from the watch's changes since the last look;
   * "all" until a look has gone through. A remembering builder trusts what it
   * saw of any other file: the watcher reports every change in the journal.
   */
  private lookAgain: { files: Set<string>; dirs: Set<string> } | "all" = "all";
  /** How to keep the files this build saw for the next one, set when they were looked at with the cache on. */
  private saveSeen: (() => Promise<Diagnostic | undefined>) | undefined;
  /** The running update's question whether a newer change waits (see update). */
  private yieldTo: (() => boolean) | undefined;
  private last: { diagnostics: readonly Diagnostic[]; ok: boolean; model?: SiteModel } = { diagnostics: [], ok: true };
  private analyzed: readonly Diagnostic[] | undefined;
  /** The journal's files that are not entries, as listed for the last model. */
  private otherFiles: JournalOtherFiles | undefined;
  /** By absolute path, the stamp of each journal file that is not an entry as a watch last saw it ("gone" when deleted): a second look at an unchanged photo renders nothing. */
  private readonly otherStamps = new Map<string, string>();
  /**
   * The config file's path, whether or not it exists yet: a config created,
   * changed or deleted while watching is noticed.
   */
  readonly configPath: string;

  constructor(private readonly options: BuilderOptions) {
    this.configPath = path.resolve(options.cwd, options.config ?? CONFIG_FILE);
  }

  /** The loaded project (after the first build). */
  get current(): Project {
    return this.project;
  }

  /**
   * The config's and the journal's diagnostics of the build in progress or
   * last made, once its journal was read (undefined before): a command shows
   * them when writing the site fails, and before a template's failure.
   */
  get diagnostics(): readonly Diagnostic[] | undefined {
    return this.analyzed;
  }

  private get remember(): boolean {
    return this.options.remember !== false;
  }

  /** The first build: reads everything and writes the whole site atomically. */
  initial(): Promise<BuildReport> {
    return traced("initial", () => this.initialBuild());
  }

  /**
   * Applies a set of changes; config or template changes reload them and
   * render everything. With `yieldTo`, asked once the changed day pages are
   * written and then every few pages, the update stops early when it says a
   * newer change waits (a watch's next save): the next update does the rest.
   */
  async update(changes: ChangeSet, options: { readonly yieldTo?: () => boolean } = {}): Promise<BuildReport> {
    this.yieldTo = options.yieldTo;
    try {
      return await traced("update", () => this.updateBuild(changes));
    } finally {
      this.yieldTo = undefined;
    }
  }

  private async initialBuild(): Promise<BuildReport> {
    const t0 = performance.now();
    this.analyzed = undefined;
    this.otherFiles = undefined;
    this.lookAgain = "all";
    await this.loadProjectAndTheme();
    this.memory.forgetPages();
    const saveCache = await this.readJournal();
    this.started = true;
    return this.render(t0, saveCache);
  }

  private async updateBuild(changes: ChangeSet): Promise<BuildReport> {
    if (!this.started) return this.initialBuild();
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
      if (before.journalDir !== this.project.journalDir || before.outDir !== this.project.outDir) return this.initialBuild();
      this.memory.forgetPages();
      this.dirty = true;
    } else if (templatesChanged) {
      const theme = await loadTheme(this.project.templatesDir);
      if (themeFingerprint(theme) !== this.loadedTheme) {
        this.theme = theme;
        this.loadedTheme = themeFingerprint(theme);
        this.renderer = undefined;
        this.memory.forgetPages();
        this.dirty = true;
      }
    }
    if (await this.memory.journal.update(this.project, changes)) this.dirty = true;
    if (this.lookAgain !== "all") {
      for (const file of changes.files) this.lookAgain.files.add(file);
      for (const dir of [...(changes.addedDirs ?? []), ...(changes.removedDirs ?? [])]) this.lookAgain.dirs.add(dir);
    }
    if (await this.otherFilesChanged(changes)) {
      this.dirty = true;
      this.otherFiles = undefined; // Listed again at the next analysis.
    }
    if (!this.dirty && !this.stale) {
      // Same bytes everywhere (a touch, or a second look at a file just read): the site is already current.
      return { rendered: [], written: [], deleted: [], diagnostics: this.last.diagnostics, milliseconds: performance.now() - t0, ok: this.last.ok, unchanged: true, ...(this.last.model ? { model: this.last.model } : {}) };
    }
    return this.render(t0);
  }

  /**
   * Whether a change set adds, changes or deletes a journal file that is not
   * an entry (a photo, a PDF). A file's event counts when its stamp is new
   * (a second look at the same bytes renders nothing); a folder read again
   * counts when it holds such a file the last listing did not have, or lost one.
   */
  private async otherFilesChanged(changes: ChangeSet): Promise<boolean> {
    const journalDir = this.project.journalDir;
    const inJournal = (f: string): boolean => f === journalDir || isInside(f, journalDir);
    const known = new Set(this.otherFiles?.absolute.values() ?? []);
    const knownIn = (dir: string): string[] => [...known].filter((f) => isInside(f, dir));
    let changed = [...(changes.removedDirs ?? [])].some((dir) => inJournal(dir) && knownIn(dir).length > 0);
    for (const dir of changes.addedDirs ?? []) {
      if (changed || !inJournal(dir)) continue;
      const found = new Set(attemptList(dir));
      changed = [...found].some((f) => !known.has(f)) || knownIn(dir).some((f) => !found.has(f));
    }
    for (const file of changes.files) {
      if (!inJournal(file) || isMarkdownPath(file)) continue;
      const stats = await stat(file).catch(() => undefined);
      const stamp = stats ? stampText(stats) : "gone";
      if (this.otherStamps.get(file) === stamp) continue;
      this.otherStamps.set(file, stamp);
      changed = true;
    }
    return changed;
  }

  /**
   * The stages before the pages, for callers that render nothing (`check`,
   * `stats`, `new`): the project, the journal read and the model computed.
   * Nothing is written; `saveCache` writes the parse cache.
   */
  async analyze(): Promise<AnalyzedProject> {
    this.project = await loadProject(this.options);
    this.otherFiles = undefined;
    return this.readAndAnalyze();
  }

  /**
   * The stages before the pages with the theme loaded, for the library's
   * `build`, which renders the files in memory and writes nothing.
   */
  async prepare(): Promise<PreparedBuild> {
    await this.loadProjectAndTheme(false);
    const analyzed = await this.readAndAnalyze();
    const withFiles = await this.publishFiles(analyzed.analysis);
    const analysis = { ...analyzed.analysis, model: withFiles.model, diagnostics: [...analyzed.analysis.diagnostics, ...withFiles.diagnostics].sort(compareDiagnostics) };
    return { ...analyzed, analysis, theme: this.theme, copies: withFiles.copies };
  }

  private async readAndAnalyze(): Promise<AnalyzedProject> {
    const saveCache = await this.readJournal();
    return { project: this.project, analysis: this.analyzeJournal(), saveCache };
  }

  /** Journal → entries: every file read and parsed; gives how to save the parse cache. */
  private async readJournal(): Promise<() => Promise<Diagnostic | undefined>> {
    const onProgress = this.options.onProgress;
    const { saveCache } = await this.memory.journal.readAll(this.project, {
      cache: this.options.cache !== false,
      remember: this.remember,
      ...(onProgress ? { onProgress: (done: number, total: number) => onProgress("parse", done, total) } : {}),
    });
    return saveCache;
  }

  /** Entries → model, with the model memo when the builder remembers. */
  private analyzeJournal(): Analysis {
    const project = this.project;
    // Listed once, then again only when a watched change touched one of them (update): a walk of the whole journal.
    this.otherFiles ??= readOtherFiles(project.journalDir);
    return analyzeResults(this.memory.journal.results(), project.config, project.today, this.remember ? this.memory.model : undefined, this.otherFiles.list);
  }

  /** Model → the journal files its published text references, looked at (a picture's size) and given to the model for the pages to link to. */
  private async publishFiles(analysis: Analysis): Promise<WithFiles> {
    const files = this.otherFiles ?? readOtherFiles(this.project.journalDir);
    const toPublish = filesToPublish(analysis.model, this.remember ? this.memory.files : undefined);
    if (toPublish.length === 0) return { model: analysis.model, copies: [], diagnostics: [] };
    const root = this.project.root;
    const seen = this.remember ? this.memory.seenFiles : new Map<string, SeenFile>();
    const cache = this.options.cache !== false;
    if (cache && !this.seenLoaded) {
      // What the last build saw, for the files not looked at in this process yet: a warm build reads no unchanged picture.
      for (const [absolute, file] of await loadSeenFiles(root, VERSION)) if (!seen.has(absolute)) seen.set(absolute, file);
      this.seenLoaded = this.remember;
    }
    const again = this.remember ? this.lookAgain : "all";
    const againDirs = again === "all" ? [] : [...again.dirs];
    const trusted = again === "all" ? undefined : (absolute: string): boolean => !again.files.has(absolute) && !againDirs.some((dir) => isInside(absolute, dir));
    // The same files to publish from the same listing, with no change to any file but entries since: what was found last time.
    const lastLook = this.remember ? this.memory.looked : undefined;
    const unchanged = lastLook !== undefined && again !== "all" && againDirs.length === 0 && lastLook.toPublish === toPublish && lastLook.files === files && [...again.files].every(isMarkdownPath);
    const looked = unchanged ? lastLook.looked : await lookAtFiles(toPublish, files, { images: this.project.config.images, root }, seen, trusted);
    if (this.remember) this.memory.looked = { toPublish, files, looked };
    if (this.remember) this.lookAgain = { files: new Set(), dirs: new Set() };
    if (cache) {
      // Only a whole build saves what it saw; a watch's update sets this for nothing, so the set is made when saved.
      this.saveSeen = () => saveSeenFiles(root, VERSION, seen, new Set(toPublish.flatMap((want) => files.absolute.get(want.relPath) ?? [])), this.project.cwd);
    }
    const published = this.remember ? (this.memory.published = keepPublished(this.memory.published, looked.published)) : looked.published;
    const model = withPublishedFiles(analysis.model, published, this.remember ? this.memory.linksWithFiles : undefined);
    if (this.remember) this.memory.linksWithFiles = { from: analysis.model.links, links: model.links };
    return { model, copies: looked.copies, diagnostics: looked.diagnostics };
  }

  private async loadProjectAndTheme(checkOutput = true): Promise<void> {
    // Nothing is kept until all of it loaded and the output folder is safe: a
    // config edited to point `out` at the journal must not be written to later.
    const config = await this.configFingerprint();
    const project = await loadProject(this.options);
    if (checkOutput) {
      checkOutputFolder({ outDir: project.outDir, root: project.root, journalDir: project.journalDir });
      // Before anything can fail: a site that an interrupted build set aside is put back even if this build fails.
      await tidyOutputFolder(project.outDir);
    }
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

  /** The failed build's report: the site stays as it was. */
  private failed(t0: number, diagnostics: readonly Diagnostic[], error: TemplateError, model: SiteModel): BuildReport {
    const failure = templateDiagnostic(error, this.theme, this.project.cwd);
    const sorted = [...diagnostics, failure].sort(compareDiagnostics);
    this.last = { diagnostics: sorted, ok: false, model };
    return { rendered: [], written: [], deleted: [], diagnostics: sorted, milliseconds: performance.now() - t0, ok: false, failure, model };
  }

  /** Entries → model → pages → files → site: the whole site after `initial` (which passes how to save the parse cache), the changes after `update`. */
  private async render(t0: number, saveCache?: () => Promise<Diagnostic | undefined>): Promise<BuildReport> {
    const analysis = this.analyzeJournal();
    const { model, copies, diagnostics: fileDiagnostics } = await this.publishFiles(analysis);
    const diagnostics = [...this.project.diagnostics, ...[...analysis.diagnostics, ...fileDiagnostics].sort(compareDiagnostics)];
    this.analyzed = diagnostics;
    try {
      // A builder that remembers keeps rendered rows too (see RendererOptions.keep); a one-off build would only hold them to the end.
      this.renderer ??= createRenderer(this.theme.templates, { keep: this.remember });
    } catch (error) {
      if (error instanceof TemplateError) return this.failed(t0, diagnostics, error, model);
      throw error;
    }
    const saveSeen = this.saveSeen;
    this.saveSeen = undefined;
    // The files seen are kept with the parse cache, at the same moment (once the site may be written).
    const saveCaches =
      saveCache && saveSeen
        ? async (): Promise<Diagnostic | undefined> => {
            const [parse, seen] = await Promise.all([saveCache(), saveSeen()]);
            return parse ?? seen;
          }
        : saveCache;
    const whole = saveCaches ? await this.writeWhole(model, copies, this.renderer, diagnostics, t0, saveCaches) : undefined;
    const report = whole ? whole.report : await this.writeChanges(model, copies, this.renderer, diagnostics, t0);
    if (!report.ok) return report;
    this.stale = report.partial === true;
    // A cache that cannot be written is a warning (once, when both caches fail alike), not a failed build.
    const notSaved = [whole?.parseCacheNotSaved, whole?.pageCacheNotSaved].filter((d): d is Diagnostic => d !== undefined);
    const all = [...report.diagnostics];
    for (const d of notSaved) if (!all.some((known) => known.message === d.message)) all.push(d);
    this.last = { diagnostics: all, ok: true, model };
    return all.length === report.diagnostics.length ? report : { ...report, diagnostics: all };
  }

  /**
   * A cold build's pages → files → site: every page, rendered as it is
   * written (so the site is never all in memory at once), and the whole site
   * written atomically. With the page cache, a page whose data is unchanged
   * since the last build is carried over from the current site instead.
   */
  private async writeWhole(
    model: SiteModel,
    copies: readonly CopiedFile[],
    renderer: HtmlRenderer,
    diagnostics: readonly Diagnostic[],
    t0: number,
    saveParseCache: () => Promise<Diagnostic | undefined>,
  ): Promise<{ readonly report: BuildReport; readonly parseCacheNotSaved?: Diagnostic | undefined; readonly pageCacheNotSaved?: Diagnostic | undefined }> {
    const project = this.project;
    const memory = this.remember ? this.memory : undefined;
    const pages = routes(model, memory?.routes);
    memory?.pages.changed(pages);
    const pageCache = this.options.pageCache ? await PageCache.load(project.root, VERSION, themeFingerprint(this.theme), path.resolve(project.outDir)) : undefined;
    const hashes = new Map<string, string>();
    const files: SiteFile[] = pages.map((page) => {
      const contents = (): string => renderer.render(page);
      if (!pageCache) return { path: page.path, contents };
      const hash = pageHash(page.template, page.data);
      hashes.set(page.path, hash);
      const unchangedIf = pageCache.unchangedIf(page.path, hash);
      return unchangedIf ? { path: page.path, contents, unchangedIf } : { path: page.path, contents };
    });
    // A copy (a photo, a PDF) is carried over like a page: its hash is what it is a copy of, and when.
    const copied = pageCache
      ? copies.map((copy) => {
          const hash = `copy\0${copy.copyFrom}\0${copy.stamp}`;
          hashes.set(copy.path, hash);
          const unchangedIf = pageCache.unchangedIf(copy.path, hash);
          return unchangedIf ? { ...copy, unchangedIf } : copy;
        })
      : copies;
    const stamps = pageCache ? new Map<string, FileStamp>() : undefined;
    const extras = extraFiles(model, this.theme, memory?.extras);
    const onProgress = this.options.onProgress;
    let savingParse: Promise<Diagnostic | undefined> | undefined;
    try {
      await writeSiteAtomically(project.outDir, [...files, ...extras, ...copied], {
        ...(onProgress ? { onProgress: (done: number, total: number) => onProgress("render", done, total) } : {}),
        ...(stamps ? { stamps } : {}),
        // The parse cache depends on no page: it is written while the site is (the main thread
        // mostly waits for the writer thread then), not after; and not at all when the site is refused.
        writing: () => (savingParse = saveParseCache()),
      });
    } catch (error) {
      await savingParse;
      this.memory.forgetWrites();
      this.stale = true;
      if (error instanceof TemplateError) return { report: this.failed(t0, diagnostics, error, model) };
      throw error;
    }
    if (memory) {
      memory.written = await readManifest(project.outDir);
      memory.extrasWritten = new Map(extras.map((f) => [f.path, f]));
      memory.copied = new Map(copies.map((c) => [c.path, copyKey(c)]));
      memory.copiedList = copies;
    }
    const pageCacheNotSaved = pageCache && stamps ? await pageCache.save(hashes, stamps, project.cwd) : undefined;
    const parseCacheNotSaved = await (savingParse ?? saveParseCache());
    const written = [...files, ...extras, ...copies].map((f) => f.path);
    return { report: { rendered: pages.map((p) => p.path), written, deleted: [], diagnostics, milliseconds: performance.now() - t0, ok: true, model }, parseCacheNotSaved, pageCacheNotSaved };
  }

  /**
   * The report of an update cut short for a newer change (a watch's next
   * edit): the day pages are written (and `written`), the other pages
   * `pending` were not, so they are forgotten as rendered, and the next update renders everything
   * still to do even if its own change turns out to be none (stale).
   */
  private partialReport(rendered: readonly string[], written: readonly string[], diagnostics: readonly Diagnostic[], model: SiteModel, t0: number, pending: readonly string[]): BuildReport {
    const forgotten = new Set(pending);
    this.memory.pages.forgetPaths([...forgotten]);
    this.stale = true;
    return { rendered: rendered.filter((p) => !forgotten.has(p)), written, deleted: [], diagnostics, milliseconds: performance.now() - t0, ok: true, partial: true, model };
  }

  /**
   * An update's pages → files → site: only the pages whose data changed are
   * rendered and written in place, changed day pages first (before the
   * model's summaries are made); pages gone are deleted.
   */
  private async writeChanges(model: SiteModel, copies: readonly CopiedFile[], renderer: HtmlRenderer, diagnostics: readonly Diagnostic[], t0: number): Promise<BuildReport> {
    const memory = this.memory;
    const outDir = this.project.outDir;
    const staged = stagedRoutes(model, memory.routes);
    const rendered: string[] = [];
    const render = (pages: readonly Page[]): SiteFile[] =>
      pages.map((page) => {
        rendered.push(page.path);
        return { path: page.path, contents: renderer.render(page) };
      });
    const changed: SiteFile[] = [];
    /** Day pages written ahead of the rest, with their bytes before: put back if a later page fails. */
    const early: WrittenAhead[] = [];
    let others: Page[] = [];
    /** Whether this update may be cut short: only once every page it made so far is on disk (the day pages written ahead). */
    let cuttable = false;
    const yieldTo = this.yieldTo;
    let lastLook = 0;
    /**
     * Whether a newer change is waiting (the event loop runs first, so that the
     * watcher can say so): looked at when `now`, else once YIELD_EVERY_MS of
     * work went by since the last look.
     */
    const newerWaiting = async (now: boolean): Promise<boolean> => {
      if (!yieldTo || (!now && performance.now() - lastLook < YIELD_EVERY_MS)) return false;
      await new Promise((resolve) => setImmediate(resolve));
      lastLook = performance.now();
      return yieldTo();
    };
    try {
      const dayPages = render(memory.pages.changed(memory.pages.unseen("days", staged.days)));
      memory.pages.through("days", staged.days);
      // An edit shows on its day's page first: written before the model's summaries and the other pages are made.
      // Only pages already on disk, whose paths passed the path rules when first written; a new page waits for the check below.
      if (dayPages.every((f) => memory.written.has(f.path))) await writeAhead(outDir, dayPages, early);
      else changed.push(...dayPages);
      // A newer edit waiting: its day's page first, and the rest of this build with it (see partialReport).
      cuttable = changed.length === 0;
      if (cuttable && (await newerWaiting(true))) return this.partialReport(rendered, early.map((f) => f.path), diagnostics, model, t0, []);
      others = staged.others();
      /** The other pages rendered so far (not written yet: forgotten if the update is cut short). */
      const made: Page[] = [];
      for (const page of memory.pages.unseen("others", others)) {
        // Compared one at a time, so that the comparing too can give way to a newer change.
        const [differs] = memory.pages.changed([page]);
        if (!differs) continue;
        if (cuttable && (await newerWaiting(made.length === 0))) return this.partialReport(rendered, early.map((f) => f.path), diagnostics, model, t0, [...made, differs].map((p) => p.path));
        made.push(differs);
        changed.push(...render([differs]));
      }
      memory.pages.through("others", others);
    } catch (error) {
      // What was not rendered (or written) is not current: the next render looks at every page again.
      memory.pages.forget();
      if (error instanceof TemplateError) {
        // A failed build leaves the site as it was: the day pages written ahead are put back.
        await putBack(outDir, early);
        return this.failed(t0, diagnostics, error, model);
      }
      memory.extrasWritten.clear();
      this.stale = true;
      throw error;
    }
    memory.pages.forgetGone(staged.days, others);

    let written: string[];
    let deleted: string[];
    try {
      // The same path rules as a whole build (nothing outside the output folder, no two
      // pages on one file); paths that all passed them last time pass them again.
      const checkNew = (paths: readonly string[]): void => {
        if (paths.some((p) => !memory.written.has(p))) checkSitePaths(paths.map((p) => ({ path: p, contents: "" })));
      };
      // The site's list of files is made again only when a page, an extra file or a copy came or went: an edit of a day changes none.
      const pagesCame = memory.pages.takePathsChanged();
      const pagePaths = pagesCame || !memory.pagePaths ? [...memory.pages.paths()] : memory.pagePaths;
      if (pagesCame) checkNew([...pagePaths, ...memory.extrasWritten.keys()]);
      // Changed pages before the feed, wins.json and the search index: the page just edited shows as soon as it can.
      for (const [i, file] of changed.entries()) {
        if (cuttable && (await newerWaiting(false))) {
          // The pages written so far stay; the rest, the extra files, deletions and the manifest are left to the next
          // update, which lists the site's files again (the pages that came or went were counted here).
          memory.pagePaths = undefined;
          const left = changed.slice(i).map((f) => f.path);
          return this.partialReport(rendered, [...early.map((f) => f.path), ...changed.slice(0, i).map((f) => f.path)], diagnostics, model, t0, left);
        }
        await writeSiteFiles(outDir, [file]);
      }
      if (cuttable && (await newerWaiting(true))) {
        memory.pagePaths = undefined;
        return this.partialReport(rendered, [...early.map((f) => f.path), ...changed.map((f) => f.path)], diagnostics, model, t0, []);
      }
      const extras = extraFiles(model, this.theme, memory.extras);
      const otherPaths = [...extras.map((f) => f.path), ...copies.map((c) => c.path)];
      const samePaths = !pagesCame && memory.pagePaths === pagePaths && sameStrings(memory.otherPaths, otherPaths);
      memory.pagePaths = pagePaths;
      memory.otherPaths = otherPaths;
      const paths = samePaths ? undefined : [...pagePaths, ...otherPaths];
      if (paths) checkNew(paths);
      const extrasChanged = extras.filter((f) => {
        const written = memory.extrasWritten.get(f.path);
        return written === undefined || (knownChange(memory.extras, f.path) ?? written.contents !== f.contents);
      });
      await writeSiteFiles(outDir, extrasChanged);
      memory.extrasWritten = new Map(extras.map((f) => [f.path, f]));
      // A journal file is copied again only when it changed (or its copy is not on disk); the very list copied last time is all on disk.
      const copiesChanged = copies === memory.copiedList ? [] : copies.filter((c) => memory.copied.get(c.path) !== copyKey(c) || !memory.written.has(c.path));
      await copySiteFiles(outDir, copiesChanged);
      if (copies !== memory.copiedList) memory.copied = new Map(copies.map((c) => [c.path, copyKey(c)]));
      memory.copiedList = copies;
      written = [...early.map((f) => f.path), ...[...changed, ...extrasChanged, ...copiesChanged].map((f) => f.path)];
      deleted = [];
      if (paths) {
        const next = new Set(paths);
        deleted = [...memory.written].filter((p) => !next.has(p));
        await removeGone(outDir, deleted);
        // The manifest lists paths: it changes only when a page comes or goes.
        if (deleted.length || paths.length !== memory.written.size) {
          memory.written = next;
          await writeManifest(outDir, memory.written);
        }
      }
    } catch (error) {
      // The page maps were updated as pages were rendered: after a failed write they
      // would claim pages are on disk that are not. The next render writes every page.
      memory.forgetWrites();
      this.stale = true;
      if (error instanceof TemplateError) return this.failed(t0, diagnostics, error, model);
      throw error;
    }
    return { rendered, written, deleted, diagnostics, milliseconds: performance.now() - t0, ok: true, model };
  }
}
