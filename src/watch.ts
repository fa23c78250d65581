import path from "node:path";
import chokidar, { type FSWatcher } from "chokidar";
import type { ProjectOptions } from "./config/load.js";
import { dateInTimeZone } from "./model/calendar.js";
import { SiteBuilder, type BuildReport } from "./builder/site-builder.js";

/** Options of `watch` and `serve`. */
export interface WatchOptions extends ProjectOptions {
  /** Use the parse cache for the first build (default true; `--no-cache` turns it off). */
  readonly cache?: boolean;
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
  readonly builder: SiteBuilder;
  /** Resolves when no build is running or queued. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Editors' temporary, swap and lock files: vim's `*.swp` and `4913`, backups
 * `*~`, JetBrains' `___jb_*`, Emacs' `.#*`, GNOME's `.goutputstream-*`.
 * Ignored by the watcher: never read, never a rebuild.
 */
export function isEditorLitter(file: string): boolean {
  const name = path.basename(file);
  return /\.sw[a-p]$/.test(name) || name.endsWith("~") || name === "4913" || name.includes("___jb_") || name.startsWith(".#") || name.startsWith(".goutputstream-");
}

/** How long a removal waits for the rest of a rename (unlinkDir, then addDir and the files' adds). */
const REMOVAL_SETTLE_MS = 100;

/** The longest a stream of events can put a build off: a file written to non-stop still gets built. */
const MAX_SETTLE_MS = 1_000;

/**
 * How long after a file's last add or change event it is read once more.
 * chokidar drops a file's change events for 50 ms after one it emitted (and
 * raw events 5 ms apart), with no trailing event, so the last chunk of a
 * write in several chunks can come without any event; this second look
 * catches it. The builder hashes contents, so a second look at an unchanged
 * file costs a read and renders nothing.
 */
const RECHECK_MS = 120;

/**
 * A change queue with one build at a time: events while a build runs are
 * queued, and a burst (a `git checkout` of hundreds of files) becomes one
 * build after it settles.
 */
class ChangeQueue {
  private batch = emptyBatch();
  private timer: NodeJS.Timeout | undefined;
  /** When the first event of the queued batch came. */
  private waitingSince: number | undefined;
  private running: Promise<void> | undefined;
  private waiters: (() => void)[] = [];
  private stopped = false;

  constructor(
    private readonly settleMs: number,
    private readonly build: (batch: Batch) => Promise<void>,
  ) {}

  /** Queues a changed file, a removed or added folder; `recheck` marks a second look rather than an event. */
  add(target: string, kind: "file" | "removedDir" | "addedDir" = "file", recheck = false): void {
    if (this.stopped) return;
    const sets = { file: this.batch.files, removedDir: this.batch.removedDirs, addedDir: this.batch.addedDirs };
    sets[kind].add(target);
    if (!recheck) this.batch.real.add(target);
    this.schedule();
  }

  /** Whether a change from an event (not a second look) waits for the next build. */
  realChangeWaiting(): boolean {
    return this.batch.real.size > 0;
  }

  private get empty(): boolean {
    return this.batch.files.size === 0 && this.batch.removedDirs.size === 0 && this.batch.addedDirs.size === 0;
  }

  private schedule(): void {
    if (this.running) return; // The running build picks the queue up when it ends.
    const now = Date.now();
    this.waitingSince ??= now;
    if (this.timer && now - this.waitingSince >= MAX_SETTLE_MS) return; // Waited long enough: build when the timer fires.
    clearTimeout(this.timer);
    // A removed folder is often half of a rename: wait for the other half, so both are one build.
    const delay = this.batch.removedDirs.size > 0 ? Math.max(this.settleMs, REMOVAL_SETTLE_MS) : this.settleMs;
    this.timer = setTimeout(() => void this.drain(), delay);
  }

  private async drain(): Promise<void> {
    this.timer = undefined;
    this.waitingSince = undefined;
    while (!this.stopped && !this.empty) {
      const batch = this.batch;
      this.batch = emptyBatch();
      this.running = this.build(batch);
      await this.running;
    }
    this.running = undefined;
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  idle(): Promise<void> {
    if (!this.running && !this.timer && this.empty) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Drops what is queued and takes nothing more; a running build still finishes (see idle). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.waitingSince = undefined;
    this.batch = emptyBatch();
    if (!this.running) for (const resolve of this.waiters.splice(0)) resolve();
  }
}

/** What one build is asked to look at. */
interface Batch {
  readonly files: Set<string>;
  readonly removedDirs: Set<string>;
  readonly addedDirs: Set<string>;
  /** The paths that came from events (the rest are second looks). */
  readonly real: Set<string>;
}

function emptyBatch(): Batch {
  return { files: new Set(), removedDirs: new Set(), addedDirs: new Set(), real: new Set() };
}

/**
 * Builds once, then watches the journal, the config and the templates and
 * rebuilds on every change. `.git/`, the output folder and editor litter are
 * never watched. A build that throws is reported and watching goes on.
 */
export async function startWatch(options: WatchOptions): Promise<Watch> {
  const builder = new SiteBuilder(options);
  const first = await builder.initial();
  options.onBuild(first, []);
  // The config is watched even when it does not exist yet, so creating it counts as a change.
  const targetsOf = (): string[] => {
    const project = builder.current;
    return [...new Set([project.journalDir, builder.configPath, ...(project.templatesDir ? [project.templatesDir] : [])])];
  };

  const queue = new ChangeQueue(options.settleMs ?? 1, async (batch) => {
    try {
      // A save that comes while this build makes the pages other than the edited day's cuts it short: that save's day page comes first.
      const report = await builder.update(batch, { yieldTo: () => queue.realChangeWaiting() });
      // A second look that found every file as it was is no rebuild: nothing to say.
      if (report.unchanged === true && batch.real.size === 0) return;
      const trigger = batch.real.size > 0 ? [...batch.real] : [...batch.files, ...batch.removedDirs, ...batch.addedDirs];
      options.onBuild(report, trigger);
      retarget();
    } catch (error) {
      options.onError(error);
    }
  });

  // Second looks (see RECHECK_MS), one timer per file or folder, restarted by each event.
  const rechecks = new Map<string, NodeJS.Timeout>();
  let closed = false;
  const later = (target: string, kind: "file" | "addedDir"): void => {
    if (closed) return;
    const key = `${kind}:${target}`;
    clearTimeout(rechecks.get(key));
    rechecks.set(
      key,
      setTimeout(() => {
        rechecks.delete(key);
        queue.add(target, kind, true);
      }, RECHECK_MS),
    );
  };
  const recheckLater = (target: string): void => later(target, "file");
  // chokidar lists a new folder before it watches it: a file made in between
  // has no event. Reading the folder again once its events have settled finds it.
  const rescanLater = (dir: string): void => later(dir, "addedDir");

  const onEvent = (event: string, file: string): void => {
    const absolute = path.resolve(file);
    if (event === "unlinkDir") queue.add(absolute, "removedDir");
    else if (event === "addDir") {
      queue.add(absolute, "addedDir");
      rescanLater(absolute);
    } else if (event === "unlink") queue.add(absolute);
    else if (event === "add" || event === "change") {
      queue.add(absolute);
      recheckLater(absolute);
      if (event === "add") rescanLater(path.dirname(absolute));
    }
  };

  // One chokidar watcher per target (the journal, the config, the templates),
  // so that a target a config edit adds can be awaited until it is watched.
  const watchers = new Map<string, FSWatcher>();
  const watchTarget = async (target: string): Promise<void> => {
    const watcher = chokidar.watch(target, {
      ignoreInitial: true,
      usePolling: options.poll === true,
      interval: 100,
      // Editors that save by renaming over the file produce unlink+add; chokidar turns that into a change.
      atomic: options.poll !== true,
      ignored: (file: string) => {
        const resolved = path.resolve(file);
        // Read at each call: a config edit may move the output folder.
        const outDir = path.resolve(builder.current.outDir);
        if (resolved === outDir || resolved.startsWith(outDir + path.sep)) return true;
        const name = path.basename(file);
        return name === ".git" || name === "node_modules" || isEditorLitter(file);
      },
    });
    watchers.set(target, watcher);
    watcher.on("all", onEvent);
    watcher.on("error", (error) => options.onError(error));
    await new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
  };
  /** After a config edit that moved the journal or the templates: watch where they are now. */
  const retarget = (): void => {
    if (closed) return;
    const next = targetsOf();
    for (const [target, watcher] of watchers) {
      if (next.includes(target)) continue;
      watchers.delete(target);
      watcher.close().catch((error: unknown) => options.onError(error));
    }
    for (const target of next.filter((t) => !watchers.has(t))) {
      // An edit made while the new target was being set up has no event: look once it is watched.
      watchTarget(target).then(
        () => queue.add(target, target === builder.configPath ? "file" : "addedDir", true),
        (error: unknown) => options.onError(error),
      );
    }
  };
  await Promise.all(targetsOf().map(watchTarget));

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
      closed = true;
      clearInterval(clock);
      for (const timer of rechecks.values()) clearTimeout(timer);
      rechecks.clear();
      queue.stop();
      await queue.idle();
      await Promise.all([...watchers.values()].map((watcher) => watcher.close()));
      watchers.clear();
    },
  };
}
