import path from "node:path";
import chokidar, { type FSWatcher } from "chokidar";
import type { ProjectOptions } from "./config/load.js";
import { dateInTimeZone } from "./model/calendar.js";
import { IncrementalBuilder, type BuildReport } from "./incremental.js";

/** Options of `watch` and `serve`. */
export interface WatchOptions extends ProjectOptions {
  /** Poll the file system instead of native events (network drives, WSL). */
  readonly poll?: boolean;
  /** How long to wait for more events before a build, in milliseconds. */
  readonly settleMs?: number;
  /** Called after every build with what it did and what triggered it. */
  readonly onBuild: (report: BuildReport, trigger: readonly string[]) => void;
  /** Called when a build throws (a folder that cannot be read, say); watching goes on. */
  readonly onError: (error: unknown) => void;
}

/** A running watch. */
export interface Watch {
  readonly builder: IncrementalBuilder;
  /** Resolves when no build is running or queued. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Editors' temporary, swap and lock files: vim's `*.swp` and `4913`, backups
 * `*~`, JetBrains' `___jb_*`, Emacs' `.#*`, GNOME's `.goutputstream-*`.
 * Only `.md` files count anyway; these are never even stat'ed.
 */
export function isEditorLitter(file: string): boolean {
  const name = path.basename(file);
  return /\.sw[a-p]$/.test(name) || name.endsWith("~") || name === "4913" || name.includes("___jb_") || name.startsWith(".#") || name.startsWith(".goutputstream-");
}

/**
 * A change queue with one build at a time: events while a build runs are
 * queued, and a burst (a `git checkout` of hundreds of files) becomes one
 * build after it settles.
 */
class ChangeQueue {
  private pending = new Set<string>();
  private removedDirs = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly settleMs: number,
    private readonly build: (files: Set<string>, removedDirs: Set<string>) => Promise<void>,
  ) {}

  add(file: string, removedDir = false): void {
    (removedDir ? this.removedDirs : this.pending).add(file);
    this.schedule();
  }

  private schedule(): void {
    if (this.running) return; // The running build picks the queue up when it ends.
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.drain(), this.settleMs);
  }

  private async drain(): Promise<void> {
    this.timer = undefined;
    while (this.pending.size > 0 || this.removedDirs.size > 0) {
      const files = this.pending;
      const dirs = this.removedDirs;
      this.pending = new Set();
      this.removedDirs = new Set();
      this.running = this.build(files, dirs);
      await this.running;
    }
    this.running = undefined;
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  idle(): Promise<void> {
    if (!this.running && !this.timer && this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Drops what is queued; a running build still finishes (see idle). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
    this.removedDirs.clear();
    if (!this.running) for (const resolve of this.waiters.splice(0)) resolve();
  }
}

/**
 * Builds once, then watches the journal, the config and the templates and
 * rebuilds on every change. `.git/`, the output folder and editor litter are
 * never watched. A build that throws is reported and watching goes on.
 */
export async function startWatch(options: WatchOptions): Promise<Watch> {
  const builder = new IncrementalBuilder(options);
  const first = await builder.initial();
  options.onBuild(first, []);
  const project = builder.current;
  const outDir = path.resolve(project.outDir);
  const targets = [project.journalDir, ...(project.configFile ? [project.configFile] : []), ...(project.templatesDir ? [project.templatesDir] : [])];

  const queue = new ChangeQueue(options.settleMs ?? 15, async (files, removedDirs) => {
    try {
      const report = await builder.update({ files, removedDirs });
      options.onBuild(report, [...files, ...removedDirs]);
    } catch (error) {
      options.onError(error);
    }
  });

  const watcher: FSWatcher = chokidar.watch(targets, {
    ignoreInitial: true,
    usePolling: options.poll === true,
    interval: 100,
    // Editors that save by renaming over the file produce unlink+add; chokidar turns that into a change.
    atomic: options.poll !== true,
    ignored: (file: string) => {
      const resolved = path.resolve(file);
      if (resolved === outDir || resolved.startsWith(outDir + path.sep)) return true;
      const name = path.basename(file);
      return name === ".git" || name === "node_modules" || isEditorLitter(file);
    },
  });
  watcher.on("all", (event, file) => {
    const absolute = path.resolve(file);
    if (event === "unlinkDir") queue.add(absolute, true);
    else if (event === "add" || event === "change" || event === "unlink") queue.add(absolute);
  });
  watcher.on("error", (error) => options.onError(error));
  await new Promise<void>((resolve) => watcher.once("ready", () => resolve()));

  // Without --today, a watch running past midnight rebuilds for the new day.
  const clock = options.today === undefined
    ? setInterval(() => {
        if (dateInTimeZone(new Date(), builder.current.timezone) !== builder.current.today) queue.add(builder.current.journalDir);
      }, 60_000)
    : undefined;
  clock?.unref();

  return {
    builder,
    idle: () => queue.idle(),
    async close() {
      clearInterval(clock);
      queue.stop();
      await queue.idle();
      await watcher.close();
    },
  };
}
