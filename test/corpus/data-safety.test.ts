/**
 * Corpus, data-safety family: no command ever modifies the journal. Each case
 * under test/corpus/data-safety/ is a project and the commands to run in it
 * with the real binary (check, stats, build, new, init, and watch for a
 * moment), each in a fresh copy; every file of the project (journal, config,
 * .gitignore) keeps its bytes and its mtime, and only the files a command
 * names may appear. `new` and `init` never overwrite, also when the file
 * appears between their check and their write.
 */
import { spawn } from "node:child_process";
import { lstat, mkdir, readFile, readlink, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createFile } from "../../src/commands/new.js";
import { CLI_PATH, childEnv, runCli, snapshotTree, type FileState, type RunResult } from "../helpers/cli.js";
import { copyCase, corpusCases, useCorpusTempDirs, type CorpusCase } from "../helpers/corpus.js";

/** One command a data-safety case runs, and what it may do. */
interface CommandSpec {
  readonly args: readonly string[];
  /** The exit code (not checked for watch, which is stopped). */
  readonly exit?: number;
  /** Project files (relative, with `/`) the command creates; nothing else may appear. */
  readonly creates: readonly string[];
  readonly watch?: boolean;
  readonly stdout?: string;
  readonly stderr?: string;
  /** A known bug outside this corpus's files: the test is expected to fail until it is fixed. */
  readonly knownIssue?: string;
}

interface DataSafetyExpected {
  readonly today: string;
  readonly commands: readonly CommandSpec[];
  /** The parse cache may appear in the project (it is inside the journal when the journal is the project folder). */
  readonly cacheMayAppear?: boolean;
}

const cases = corpusCases("data-safety");
const tempDir = useCorpusTempDirs();

/** Outputs that are not the user's data: the site and, unless the case watches it, the cache. */
const OUTPUTS = ["site/", ".smallwins-cache/"];

async function snapshot(project: string): Promise<Record<string, FileState>> {
  const all = await snapshotTree(project);
  return Object.fromEntries(Object.entries(all).filter(([file]) => !OUTPUTS.some((prefix) => file.startsWith(prefix))));
}

/** Starts `smallwins watch`, waits until it is watching and a moment more, then stops it with SIGTERM. */
function watchForAMoment(args: readonly string[], cwd: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], { cwd, env: childEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let stopping = false;
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      setTimeout(() => child.kill("SIGTERM"), 700);
    };
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      if (/watching /.test(stdout)) stop();
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const rows = cases.flatMap((c) => {
  const expected = c.expected as unknown as DataSafetyExpected;
  return expected.commands.map((command) => ({ name: `${c.name}: smallwins ${command.args.join(" ")}`, c, expected, command }));
});

async function runCommand(c: CorpusCase, expected: DataSafetyExpected, command: CommandSpec): Promise<void> {
  const project = path.join(await tempDir(), "project");
  await mkdir(project);
  await copyCase(c, project);
  const before = await snapshot(project);
  const links = await symlinksOf(c, project);
  const args = [...command.args, "--today", expected.today];
  const result = command.watch ? await watchForAMoment(args, project) : await runCli(args, { cwd: project });
  if (!command.watch) expect(result.code, `exit code; stderr:\n${result.stderr}`).toBe(command.exit ?? 0);
  else expect(result.stdout, result.stderr).toContain("watching ");
  if (command.stdout !== undefined) expect(result.stdout).toContain(command.stdout);
  if (command.stderr !== undefined) expect(result.stderr).toContain(command.stderr);
  const after = await snapshot(project);
  for (const [file, state] of Object.entries(before)) expect(after[file], `${file} kept its bytes and mtime`).toEqual(state);
  const created = Object.keys(after).filter((file) => !(file in before) && !(expected.cacheMayAppear && file.startsWith(".smallwins-cache/")));
  expect(created.sort(), "files the command created").toEqual([...command.creates].sort());
  expect(await symlinksOf(c, project), "symlinks are left as they were").toEqual(links);
}

/** The case's symlinks as they are now: path to target. */
async function symlinksOf(c: CorpusCase, project: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const rel of Object.keys(c.expected.symlinks ?? {})) {
    const file = path.join(project, ...rel.split("/"));
    out[rel] = (await lstat(file)).isSymbolicLink() ? await readlink(file) : "not a symlink any more";
  }
  return out;
}

describe("data-safety corpus", () => {
  it("has the cases the issue asks for", () => {
    expect(cases.length).toBeGreaterThanOrEqual(3);
    const commands = new Set(rows.map((r) => r.command.args[0]));
    for (const command of ["check", "stats", "build", "new", "init", "watch"]) expect(commands).toContain(command);
  });

  it.concurrent.each(rows.filter((r) => !r.command.knownIssue).map((r) => [r.name, r] as const))("%s", async (_name, r) => {
    await runCommand(r.c, r.expected, r.command);
  });

  const known = rows.filter((r) => r.command.knownIssue);
  if (known.length > 0) {
    it.fails.each(known.map((r) => [`${r.name} (known issue: ${r.command.knownIssue})`, r] as const))("%s", async (_name, r) => {
      await runCommand(r.c, r.expected, r.command);
    });
  }
});

describe("new and init never overwrite, also in a race", () => {
  it("createFile (what new and init write with) fails on a file that appeared after the check, and leaves it alone", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "journal", "2026", "11", "2026-11-21.md");
    // The check found nothing; then an editor (or a second `smallwins new`) made the file.
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, "written by the user in between\n");
    expect(await createFile(file, "the template\n")).toBe(false);
    expect(await readFile(file, "utf8")).toBe("written by the user in between\n");
  });

  it("does not follow a symlink that appeared at the path (the wx flag), even a dangling one", async () => {
    const dir = await tempDir();
    const target = path.join(dir, "elsewhere.md");
    const file = path.join(dir, "journal", "2026-11-21.md");
    await mkdir(path.dirname(file), { recursive: true });
    await symlink(target, file);
    expect(await createFile(file, "the template\n")).toBe(false);
    await expect(lstat(target)).rejects.toThrow(/ENOENT/);
    await writeFile(target, "the user's other file\n");
    expect(await createFile(file, "the template\n")).toBe(false);
    expect(await readFile(target, "utf8")).toBe("the user's other file\n");
  });

  it("of two writers racing for one new file, exactly one wins and the file holds its text whole", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "journal", "2026-11-21.md");
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => createFile(file, `writer ${i}\n`)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await readFile(file, "utf8")).toBe(`writer ${results.indexOf(true)}\n`);
  });

  it("init run twice creates nothing the second time and changes nothing", async () => {
    const project = path.join(await tempDir(), "project");
    const first = await runCli(["init", project, "--today", "2026-11-21"], { cwd: path.dirname(project) });
    expect(first.code, first.stderr).toBe(0);
    await writeFile(path.join(project, "journal", "2026", "11", "2026-11-21.md"), "---\nwins: [Edited by hand]\n---\n");
    const before = await snapshotTree(project);
    const second = await runCli(["init", project, "--today", "2026-11-21"], { cwd: path.dirname(project) });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).not.toContain("created");
    expect(await snapshotTree(project)).toEqual(before);
  });
});
