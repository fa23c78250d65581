import { createHash, randomBytes } from "node:crypto";
import { readFileSync, readlinkSync, type Stats } from "node:fs";
import { lstat, readdir, rename, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/**
 * Temporary files and folders, and what killed runs left of them.
 *
 * Every temporary name smallwins makes carries its maker: the process id, the
 * process's start time, and a scope (a hash of the host name, the boot and the
 * pid namespace: where that process id means that process). A later run
 * removes a leftover only when it can tell its maker is gone: same scope, and
 * no process with that id, or one that started at another time (the id was
 * reused). A leftover made elsewhere (another container or machine sharing the
 * folder, or before a reboot), or named by an older smallwins, is removed once
 * nothing has touched it for an hour: no build runs that long.
 */

/** Who made a temporary file or folder. */
export interface Maker {
  readonly pid: number;
  /** The process's start in clock ticks since boot (from /proc), or "0" where that cannot be read. */
  readonly start: string;
  /** Where `pid` names this process: a hash of the host name, the boot and the pid namespace. */
  readonly scope: string;
}

/** How long a leftover whose maker cannot be asked must lie untouched before it is removed. */
export const UNKNOWN_MAKER_AGE_MS = 60 * 60 * 1000;

/** pid-start-scope-random; the random part tells apart two writes of one process. */
const TAG = String.raw`(\d{1,10})-(\d{1,20})-([0-9a-f]{8})-[0-9a-f]{8}`;
/** The tags of smallwins 0.x before makers were named: pid and random hex. */
const OLD_TAG = String.raw`\d{1,10}-[0-9a-f]{6,8}`;
const SITE_FOLDER = new RegExp(String.raw`^\.smallwins-(new|old|gone)-(?:${TAG}|${OLD_TAG})$`);
const TEMPORARY_FILE = new RegExp(String.raw`^(.+)\.smallwins-(?:${TAG}|${OLD_TAG})\.tmp$`);
/** The cache's temporary files before makers were named: `parse-v1.json.<pid>.tmp`. */
const OLD_CACHE_FILE = /^[a-z]+-v\d+\.json\.\d{1,10}\.tmp$/;

/** The start of process `pid` in clock ticks since boot, from /proc; undefined where it cannot be read. */
function startOf(pid: number | "self"): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name, in parentheses, may hold spaces; the fields after it are plain: the 22nd is the start.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

const readOr = (read: () => string): string => {
  try {
    return read();
  } catch {
    return "";
  }
};

let self: Maker | undefined;

/** This process as a maker. */
export function currentMaker(): Maker {
  if (!self) {
    const boot = readOr(() => readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim());
    const namespace = readOr(() => readlinkSync("/proc/self/ns/pid"));
    const scope = createHash("sha1").update(`${os.hostname()}\0${boot}\0${namespace}`).digest("hex").slice(0, 8);
    self = { pid: process.pid, start: startOf("self") ?? "0", scope };
  }
  return self;
}

/**
 * The last part of the next tag: a random start, counted up, so that no two
 * tags of one process are alike (and another process's start differs). A
 * random draw for each file cost a watch's update more than its renames.
 */
let nextTagNumber: number | undefined;

/** A fresh tag naming this process as the maker. */
function freshTag(): string {
  const me = currentMaker();
  nextTagNumber ??= randomBytes(4).readUInt32BE(0);
  const number = nextTagNumber;
  nextTagNumber = (number + 1) >>> 0;
  return `${me.pid}-${me.start}-${me.scope}-${number.toString(16).padStart(8, "0")}`;
}

/** Whether a maker still runs: "unknown" when this process cannot tell (another scope, or no maker named). */
export function makerState(maker: Maker | undefined): "running" | "ended" | "unknown" {
  const me = currentMaker();
  if (!maker || maker.scope !== me.scope || maker.pid <= 0) return "unknown";
  if (maker.pid === me.pid) return maker.start === me.start ? "running" : "ended";
  try {
    process.kill(maker.pid, 0);
  } catch (error) {
    // EPERM: the process runs, as another user.
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return "ended";
  }
  // Without /proc a live process id is taken to be the maker: a reused id only delays the clean-up.
  if (me.start === "0") return "running";
  const start = startOf(maker.pid);
  // Unreadable (/proc mounted with hidepid): it may be the maker.
  if (start === undefined) return "running";
  return start === maker.start ? "running" : "ended";
}

function makerOf(match: RegExpMatchArray, at: number): Maker | undefined {
  const pid = match[at];
  return pid === undefined ? undefined : { pid: Number(pid), start: match[at + 1]!, scope: match[at + 2]! };
}

/**
 * True when a leftover's maker is gone: it ended, or it cannot be asked and
 * the leftover lay untouched long enough. Only this user's: in a folder others
 * may write (a shared /tmp), a folder named like a leftover by someone else
 * must not be put back as the site.
 */
function abandoned(maker: Maker | undefined, stats: Stats, now: number): boolean {
  const uid = process.getuid?.();
  if (uid !== undefined && stats.uid !== uid) return false;
  const state = makerState(maker);
  if (state !== "unknown") return state === "ended";
  // The change time moves with a rename too (the old site set aside), which keeps a fresh one.
  return now - Math.max(stats.mtimeMs, stats.ctimeMs) > UNKNOWN_MAKER_AGE_MS;
}

/** A temporary name for writing `file`, beside it: `<file>.smallwins-<tag>.tmp`. */
export function temporaryFileName(file: string): string {
  return `${file}.smallwins-${freshTag()}.tmp`;
}

/** True for a name `temporaryFileName` makes (or an older smallwins made), whoever made it. */
export function isTemporaryFileName(name: string): boolean {
  return TEMPORARY_FILE.test(name);
}

/** The three folders a site write uses beside the output folder: the new site, the old one set aside, and one being removed. */
export interface SiteFolders {
  readonly next: string;
  readonly previous: string;
  readonly removed: string;
}

/** Fresh names beside `out` for writing a new site into it (`.<name>.smallwins-new-<tag>` and the like). */
export function siteFolders(out: string): SiteFolders {
  const tag = freshTag();
  const named = (kind: string): string => path.join(path.dirname(out), `.${path.basename(out)}.smallwins-${kind}-${tag}`);
  return { next: named("new"), previous: named("old"), removed: named("gone") };
}

/** A leftover site folder beside an output folder, parsed from its name. */
interface SiteLeftover {
  readonly name: string;
  readonly kind: "new" | "old" | "gone";
  readonly maker: Maker | undefined;
}

/** The site folder a name stands for, when it is one of `out`'s temporary folders. */
function siteLeftover(name: string, out: string): SiteLeftover | undefined {
  const prefix = `.${path.basename(out)}`;
  if (!name.startsWith(prefix)) return undefined;
  const match = SITE_FOLDER.exec(name.slice(prefix.length));
  return match ? { name, kind: match[1] as SiteLeftover["kind"], maker: makerOf(match, 2) } : undefined;
}

/**
 * The path the user knows for a path that may run through temporary names:
 * `.site.smallwins-new-…/days/x.html` is `site/days/x.html`, and
 * `x.html.smallwins-….tmp` is `x.html`.
 */
export function userPathOf(file: string): string {
  const parts = file.split(path.sep).map((part) => {
    const folder = /^\.(.+)(\.smallwins-(?:new|old|gone)-.+)$/.exec(part);
    if (folder && SITE_FOLDER.test(folder[2]!)) return folder[1]!;
    return TEMPORARY_FILE.exec(part)?.[1] ?? part;
  });
  return parts.join(path.sep);
}

/** What tidying an output folder's surroundings did. */
export interface Tidied {
  /** The site an interrupted build had set aside was put back. */
  readonly restored: boolean;
  /** The leftovers removed, by name. */
  readonly removed: readonly string[];
}

/** Moves a leftover out of the way under a name of this process's own, then removes it; false when another run took it first. */
async function removeFolder(parent: string, name: string, out: string): Promise<boolean> {
  const claimed = siteFolders(out).removed;
  try {
    // Claimed by a rename, which only one of several runs tidying at once can win.
    await rename(path.join(parent, name), claimed);
  } catch {
    return false;
  }
  await rm(claimed, { recursive: true, force: true }).catch(() => undefined);
  return true;
}

/**
 * Cleans up beside the output folder `out` (a real path) after builds that
 * were killed: when `out` is missing and a killed build had set the old site
 * aside (killed between its two renames), the old site is put back, since an
 * interrupted build leaves the previous site whole; then every temporary
 * folder of `out` whose maker is gone is removed. Folders of builds still
 * running, another user's, and anything not named by smallwins for this very
 * folder, are left alone. Never throws: what cannot be tidied now is tidied next time.
 */
export async function tidySiteFolders(out: string, now = Date.now()): Promise<Tidied> {
  const parent = path.dirname(out);
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return { restored: false, removed: [] };
  }
  const found: (SiteLeftover & { stats: Stats })[] = [];
  for (const name of names) {
    const leftover = siteLeftover(name, out);
    if (!leftover) continue;
    const stats = await lstat(path.join(parent, name)).catch(() => undefined);
    // A symlink or a file with such a name is not one of smallwins' folders.
    if (stats?.isDirectory() && abandoned(leftover.maker, stats, now)) found.push({ ...leftover, stats });
  }
  let restored = false;
  if (!(await lstat(out).catch(() => undefined))) {
    // The most recently set aside is the last site there was (only one, unless several builds were killed at once).
    const candidates = found.filter((f) => f.kind === "old").sort((a, b) => b.stats.ctimeMs - a.stats.ctimeMs);
    for (const candidate of candidates) {
      try {
        await rename(path.join(parent, candidate.name), out);
        restored = true;
        found.splice(found.indexOf(candidate), 1);
        break;
      } catch (error) {
        // Gone (another run put it back first): try the next; `out` is there again: stop.
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") break;
      }
    }
  }
  const removed: string[] = [];
  for (const { name } of found) if (await removeFolder(parent, name, out)) removed.push(name);
  return { restored, removed };
}

/**
 * Removes the temporary files in `dir` (not its sub-folders) whose makers are
 * gone: files of single-file writes and of the cache that a killed run left.
 * Never throws.
 */
export async function tidyTemporaryFiles(dir: string, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const match = TEMPORARY_FILE.exec(name);
    if (!match && !OLD_CACHE_FILE.test(name)) continue;
    const file = path.join(dir, name);
    const stats = await lstat(file).catch(() => undefined);
    if (!stats?.isFile() || !abandoned(match ? makerOf(match, 2) : undefined, stats, now)) continue;
    if (await rm(file, { force: true }).then(() => true, () => false)) removed.push(name);
  }
  return removed;
}
