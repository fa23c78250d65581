/**
 * Helpers for the watch and serve tests: a small fixture journal, bounded
 * polling, the real binary run as a long-lived child process, and whole
 * output trees read for byte-for-byte comparison.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readdir, readFile, rm } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { afterEach, expect } from "vitest";
import { buildCommand } from "../../src/commands/build.js";
import { colorsFor, type Output } from "../../src/commands/output.js";
import { CLI_PATH, childEnv, writeFiles } from "./cli.js";

/** The fixed "today" of every watch test: Saturday 21 November 2026, in 2026-W47. */
export const TODAY = "2026-11-21";

/** One win of a day entry: plain text, or text with an area. */
export type WinSpec = string | { readonly text: string; readonly area?: string; readonly level?: number };

/** A day entry's fields. */
export interface DaySpec {
  readonly wins?: readonly WinSpec[];
  readonly mood?: number | string;
  readonly body?: string;
  /** Tags of the entry (shown with `publish: full`, searched). */
  readonly tags?: readonly string[];
  /** `private: true`: counted, no text published. */
  readonly private?: boolean;
}

/** The Markdown of a day entry (YAML front matter and a body). */
export function dayEntry(spec: DaySpec): string {
  const lines = ["---"];
  if (spec.wins?.length) {
    lines.push("wins:");
    for (const win of spec.wins) {
      if (typeof win === "string") lines.push(`  - ${JSON.stringify(win)}`);
      else {
        lines.push(`  - text: ${JSON.stringify(win.text)}`);
        if (win.area !== undefined) lines.push(`    area: ${win.area}`);
        if (win.level !== undefined) lines.push(`    level: ${win.level}`);
      }
    }
  }
  if (spec.mood !== undefined) lines.push(`mood: ${spec.mood}`);
  if (spec.tags?.length) lines.push(`tags: [${spec.tags.join(", ")}]`);
  if (spec.private) lines.push("private: true");
  lines.push("---");
  return `${lines.join("\n")}\n${spec.body ?? ""}\n`;
}

/** The config of the fixture project: two areas, default milestones, no time zone (tests pass --today). */
export const FIXTURE_CONFIG = [
  "title: Fixture wins",
  "author: Sam",
  "areas:",
  '  work: { label: Work, color: "#2a9d8f" }',
  '  social: { label: Social, color: "#e76f51" }',
  "",
].join("\n");

/**
 * The fixture journal: three ISO weeks (W45: 2–8 Nov, W46: 9–15 Nov, W47:
 * 16–22 Nov 2026), two areas, a reflection for W46. Running total of wins,
 * for the milestone reasoning in the rebuild tests:
 *
 * | day   | wins | total | note |
 * |-------|------|-------|------|
 * | 11-03 | 3    | 3     | work, social, plain |
 * | 11-04 | 2    | 5     | work, plain |
 * | 11-05 | 1    | 6     | social |
 * | 11-10 | 2    | 8     | work, plain; a comeback after 4 missed days |
 * | 11-11 | 1    | 9     | social; mood 3; the entry the tests edit |
 * | 11-12 | 1    | 10    | plain; the 10-win milestone is reached here |
 * | 11-17 | 1    | 11    | work; a comeback |
 * | 11-18 | 2    | 13    | social, plain |
 * | 11-19 | 1    | 14    | plain |
 * | 11-20 | 1    | 15    | work; mood 4 |
 */
export const FIXTURE_DAYS: Readonly<Record<string, DaySpec>> = {
  "2026-11-03": { wins: [{ text: "Shipped the small fix", area: "work" }, { text: "Said hello first", area: "social" }, "Walked to work"], mood: 3, body: "Busy start." },
  "2026-11-04": { wins: [{ text: "Wrote the test plan", area: "work" }, "Read ten pages"], mood: 4 },
  "2026-11-05": { wins: [{ text: "Called an old friend", area: "social" }], mood: 3 },
  "2026-11-10": { wins: [{ text: "Asked for a review", area: "work" }, "Cooked dinner"], mood: 3 },
  "2026-11-11": { wins: [{ text: "Joined the lunch table", area: "social" }], mood: 3, body: "A quiet day at home." },
  "2026-11-12": { wins: ["Stretched for five minutes"], mood: 4 },
  "2026-11-17": { wins: [{ text: "Led the stand-up", area: "work" }], mood: 4 },
  "2026-11-18": { wins: [{ text: "Gave a compliment", area: "social" }, "Did the laundry"], mood: 3 },
  "2026-11-19": { wins: ["Called mum"], mood: 4 },
  "2026-11-20": { wins: [{ text: "Closed the quarter's last ticket", area: "work" }], mood: 4, body: "Friday." },
};

/** Where `smallwins new` would put a day's entry, relative to the project. */
export function dayPath(date: string): string {
  return `journal/${date.slice(0, 4)}/${date.slice(5, 7)}/${date}.md`;
}

/** The fixture's files, relative to the project folder. */
export function fixtureFiles(): Record<string, string> {
  return {
    "smallwins.config.yaml": FIXTURE_CONFIG,
    ...Object.fromEntries(Object.entries(FIXTURE_DAYS).map(([date, spec]) => [dayPath(date), dayEntry(spec)])),
    "journal/weeks/2026-W46.md": "---\nrating: 4\n---\nA steady week.\n",
  };
}

/** Writes the fixture project into `root`, with `extra` files on top. */
export async function writeFixture(root: string, extra: Readonly<Record<string, string>> = {}): Promise<void> {
  await writeFiles(root, { ...fixtureFiles(), ...extra });
}

/** Options of a bounded poll. */
export interface PollOptions {
  /** Give up after this long (default 15 s: generous for a loaded machine; a pass takes milliseconds). */
  readonly timeoutMs?: number;
  /** How often to look (default 20 ms). */
  readonly intervalMs?: number;
}

/**
 * Polls `probe` every ~20 ms until it gives a truthy value and returns it;
 * throws after the deadline with `what` (and the last error of the probe).
 * This is how every test waits: on a condition, never on a fixed sleep.
 */
export async function waitFor<T>(probe: () => T | Promise<T>, what: string | (() => string), options: PollOptions = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  const interval = options.intervalMs ?? 20;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const text = typeof what === "string" ? what : what();
      throw new Error(`timed out waiting for ${text}${lastError ? ` (last error: ${String(lastError)})` : ""}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** A file's text, or undefined when it does not exist (yet). */
export async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** A whole folder: every file's bytes and every folder, by path relative to it (with `/`). */
export interface Tree {
  readonly files: ReadonlyMap<string, Buffer>;
  /** Every folder below the root, sorted. */
  readonly dirs: readonly string[];
}

/** Reads a whole folder into memory. */
export async function readTree(root: string): Promise<Tree> {
  const files = new Map<string, Buffer>();
  const dirs: string[] = [];
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  for (const entry of entries.sort((a, b) => (a.parentPath + a.name < b.parentPath + b.name ? -1 : 1))) {
    const rel = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
    if (entry.isDirectory()) dirs.push(rel);
    else files.set(rel, await readFile(path.join(entry.parentPath, entry.name)));
  }
  return { files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1))), dirs: dirs.sort() };
}

/**
 * The differences between two trees, one line each (empty when they are equal
 * byte for byte): missing and extra files, files whose bytes differ (with the
 * first differing line), and folders only one of them has.
 */
export function treeDifferences(actual: Tree, expected: Tree): string[] {
  const out: string[] = [];
  for (const [rel, bytes] of expected.files) {
    const mine = actual.files.get(rel);
    if (mine === undefined) out.push(`missing file ${rel}`);
    else if (!mine.equals(bytes)) {
      const a = mine.toString("utf8").split("\n");
      const e = bytes.toString("utf8").split("\n");
      const i = a.findIndex((line, n) => line !== e[n]);
      const at = i === -1 ? a.length : i;
      out.push(`different bytes in ${rel} at line ${at + 1}:\n    got:      ${(a[at] ?? "<end>").slice(0, 200)}\n    expected: ${(e[at] ?? "<end>").slice(0, 200)}`);
    }
  }
  for (const rel of actual.files.keys()) if (!expected.files.has(rel)) out.push(`extra file ${rel}`);
  for (const dir of expected.dirs) if (!actual.dirs.includes(dir)) out.push(`missing folder ${dir}`);
  for (const dir of actual.dirs) if (!expected.dirs.includes(dir)) out.push(`extra folder ${dir}`);
  return out;
}

/** An Output that keeps what a command printed. */
export function captureOutput(): Output & { readonly stdout: string[]; readonly stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (text) => stdout.push(text), err: (text) => stderr.push(text), colors: colorsFor({ isTTY: false }, {}) };
}

/** `smallwins build --out OUT --today TODAY` in `cwd`, run in-process through the command itself. */
export async function cleanBuild(cwd: string, out: string, today = TODAY): Promise<{ code: number; stderr: string[] }> {
  const output = captureOutput();
  const code = await buildCommand({ cwd, out, today }, output);
  return { code, stderr: output.stderr };
}

/** The output folder `site` equals a clean `smallwins build` of the project at `root`, byte for byte. */
export async function expectSameAsCleanBuild(root: string, site: string): Promise<void> {
  const clean = path.join(root, "clean-site");
  const { code, stderr } = await cleanBuild(root, clean);
  expect(code, stderr.join("\n")).toBe(0);
  expect(treeDifferences(await readTree(site), await readTree(clean))).toEqual([]);
  await rm(clean, { recursive: true, force: true });
}

/** A running `smallwins` child process whose output is read line by line. */
export interface RunningCli {
  readonly child: ChildProcess;
  /** Complete stdout lines so far. */
  readonly lines: readonly string[];
  /** Everything on stderr so far. */
  stderr(): string;
  /** Waits for a stdout line at index `from` or later that matches, and returns its index. */
  waitForLine(pattern: RegExp, from?: number, options?: PollOptions): Promise<number>;
  /** Resolves with the exit code and signal once the process has ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends SIGINT (Ctrl-C) and waits for the end. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A stdout line that reports one build: `✓ ...` or `✗ ...`. */
export const REBUILD_LINE = /^[✓✗] /;

/** The rebuild lines among `lines`, from index `from` on. */
export function rebuildLines(lines: readonly string[], from = 0): string[] {
  return lines.slice(from).filter((line) => REBUILD_LINE.test(line));
}

/** What the probe of `buildProbe` prints on stdout, right before the rebuild line of a build that rendered the page it watches. */
export const PROBE_RENDERED = "smallwins-probe: rendered ";

/**
 * Node flags that load a probe into the child before smallwins: it listens
 * on smallwins' build channel (`smallwins:build`, node:diagnostics_channel),
 * writes `smallwins-probe: overlapping builds` to stderr if a build ever
 * starts while another one runs, and when a build rendered the page
 * `watched`, prints `smallwins-probe: rendered PAGE` on stdout just before
 * that build's own line. The child is still the real binary.
 */
export function buildProbe(watched: string): string[] {
  const code = [
    'import diagnostics_channel from "node:diagnostics_channel";',
    "let active = 0;",
    'diagnostics_channel.subscribe("smallwins:build", (message) => {',
    '  if (message.event === "start") {',
    "    active += 1;",
    '    if (active > 1) process.stderr.write("smallwins-probe: overlapping builds\\n");',
    "    return;",
    "  }",
    "  active -= 1;",
    `  if (message.report?.rendered.includes(${JSON.stringify(watched)})) process.stdout.write(${JSON.stringify(`${PROBE_RENDERED}${watched}
`)});`,
    "});",
  ].join("\n");
  return ["--import", `data:text/javascript,${encodeURIComponent(code)}`];
}

/**
 * Node flags that load a probe which sends the process SIGINT (as Ctrl-C
 * would) when the first build starts, before anything is watched.
 */
export function interruptDuringFirstBuild(): string[] {
  const code = [
    'import diagnostics_channel from "node:diagnostics_channel";',
    "let first = true;",
    'diagnostics_channel.subscribe("smallwins:build", (message) => {',
    '  if (message.event === "start" && first) {',
    "    first = false;",
    '    process.kill(process.pid, "SIGINT");',
    "  }",
    "});",
  ].join("\n");
  return ["--import", `data:text/javascript,${encodeURIComponent(code)}`];
}

/**
 * Gives a function that starts `smallwins ARGS` in `cwd` as a long-lived
 * child (no colours, no TZ). Every child still running after a test is killed
 * and awaited in afterEach.
 */
export function useCliProcesses(): (args: readonly string[], cwd: string, nodeFlags?: readonly string[]) => RunningCli {
  const running = new Set<RunningCli>();
  afterEach(async () => {
    const left = [...running];
    running.clear();
    for (const run of left) {
      if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill("SIGKILL");
    }
    await Promise.all(left.map((run) => run.exited));
  });
  return (args, cwd, nodeFlags = []) => {
    const child = spawn(process.execPath, [...nodeFlags, CLI_PATH, ...args], { cwd, env: childEnv(), stdio: ["ignore", "pipe", "pipe"] });
    const lines: string[] = [];
    let partial = "";
    let err = "";
    child.stdout!.setEncoding("utf8");
    child.stderr!.setEncoding("utf8");
    child.stdout!.on("data", (chunk: string) => {
      const parts = (partial + chunk).split("\n");
      partial = parts.pop() ?? "";
      lines.push(...parts);
    });
    child.stderr!.on("data", (chunk: string) => {
      err += chunk;
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.on("close", (code, signal) => {
        if (partial) lines.push(partial);
        partial = "";
        resolve({ code, signal });
      });
    });
    const describe = (): string => `stdout:\n${lines.join("\n")}\nstderr:\n${err}`;
    const run: RunningCli = {
      child,
      lines,
      stderr: () => err,
      async waitForLine(pattern, from = 0, options = {}) {
        let index = -1;
        await waitFor(
          () => {
            index = lines.findIndex((line, i) => i >= from && pattern.test(line));
            if (index === -1 && (child.exitCode !== null || child.signalCode !== null)) throw new Error("the process has ended");
            return index !== -1;
          },
          () => `a stdout line matching ${String(pattern)} (from line ${from})\n${describe()}`,
          options,
        );
        return index;
      },
      exited,
      async stop() {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
        return exited;
      },
    };
    running.add(run);
    return run;
  };
}

/** Whether something accepts TCP connections on host:port. */
export function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
    socket.setTimeout(2_000, () => done(false));
  });
}

/** Listens on 127.0.0.1 on `port` (0: any free one); resolves with the server and its port. */
export function listenOn(port = 0): Promise<{ server: net.Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = net.createServer((socket) => socket.destroy());
    server.once("error", reject);
    server.listen({ host: "127.0.0.1", port }, () => {
      const address = server.address();
      resolve({ server, port: typeof address === "object" && address ? address.port : port });
    });
  });
}

/** Closes a server and waits for it. */
export function closeServer(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
