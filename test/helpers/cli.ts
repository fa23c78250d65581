/**
 * Runs the real `smallwins` binary (dist/cli.js, as built by `npm test`) as a
 * child process, in temporary folders made of real files.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach } from "vitest";

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The absolute path of the built binary. */
export const CLI_PATH = path.join(REPO_ROOT, "dist", "cli.js");

/** What a finished child process gave. */
export interface RunResult {
  /** The exit code; null when a signal ended it. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** How to run a child process. */
export interface RunOptions {
  readonly cwd: string;
  /** Added to the environment; `undefined` removes a variable. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Killed after this long (default 30 s). */
  readonly timeoutMs?: number;
}

// Variables that would change the output in ways a test did not ask for.
const NEUTRALISED = ["FORCE_COLOR", "NO_COLOR", "TZ", "NODE_OPTIONS", "SMALLWINS_CONFIG"];

/** The environment of a child: ours without colour and time-zone settings, plus `extra`. */
export function childEnv(extra: Readonly<Record<string, string | undefined>> = {}): NodeJS.ProcessEnv {
  const merged: Record<string, string | undefined> = { ...process.env, ...Object.fromEntries(NEUTRALISED.map((name) => [name, undefined])), ...extra };
  return Object.fromEntries(Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** Runs any command (no shell) and collects its output. */
export function runProcess(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { cwd: options.cwd, env: childEnv(options.env), stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 30_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") });
    });
  });
}

/** Runs `smallwins ARGS` with the current Node, in `cwd`. */
export function runCli(args: readonly string[], options: RunOptions): Promise<RunResult> {
  if (!existsSync(CLI_PATH)) throw new Error(`${CLI_PATH} is missing: build first (npx tsc -p tsconfig.build.json, or npm test)`);
  return runProcess(process.execPath, [CLI_PATH, ...args], options);
}

/**
 * Gives a function that makes a fresh temporary folder; every folder it made
 * is removed after each test. Call it at the top of a `describe` or file.
 */
export function useTempDirs(): (prefix?: string) => Promise<string> {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async (prefix = "smallwins-e2e-") => {
    // realpath: on some systems the temp folder is behind a symlink, and a child's cwd is the real path.
    const dir = await realpath(await mkdtemp(path.join(os.tmpdir(), prefix)));
    made.push(dir);
    return dir;
  };
}

/** Writes files (paths relative to `root`, with `/`), creating folders as needed. */
export async function writeFiles(root: string, files: Readonly<Record<string, string | Uint8Array>>): Promise<void> {
  for (const [rel, contents] of Object.entries(files)) {
    const file = path.join(root, ...rel.split("/"));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, contents);
  }
}

/** Reads a file under `root` as UTF-8. */
export function readText(root: string, rel: string): Promise<string> {
  return readFile(path.join(root, ...rel.split("/")), "utf8");
}

/** Every file under `root` (relative, with `/`), sorted. */
export async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

/** One file's bytes (base64) and modification time (nanoseconds, as text). */
export interface FileState {
  readonly bytes: string;
  readonly mtimeNs: string;
}

/** Every file under `root` with its bytes and modification time, to compare before and after a command. */
export async function snapshotTree(root: string): Promise<Record<string, FileState>> {
  const out: Record<string, FileState> = {};
  for (const rel of await listFiles(root)) {
    const file = path.join(root, ...rel.split("/"));
    const [bytes, info] = await Promise.all([readFile(file), stat(file, { bigint: true })]);
    out[rel] = { bytes: bytes.toString("base64"), mtimeNs: info.mtimeNs.toString() };
  }
  return out;
}

/** The calendar date (YYYY-MM-DD) it is now in `timeZone`, as Intl tells it. */
export function dateNowIn(timeZone: string, now = Date.now()): string {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(now);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? "??";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** True when the text holds an ANSI escape sequence. */
export function hasAnsi(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /\u001b\[/.test(text);
}
