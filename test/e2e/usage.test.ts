/**
 * The command line itself: usage errors (exit 2), --help, --version, and
 * colours (NO_COLOR, FORCE_COLOR, no terminal).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLI_PATH, REPO_ROOT, hasAnsi, runCli, runProcess, useTempDirs, writeFiles } from "../helpers/cli.js";

const tempDir = useTempDirs();
const VERSION = (JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;

async function project(): Promise<string> {
  const root = await tempDir();
  await writeFiles(root, {
    "journal/2026/11/2026-11-20.md": "---\nwins: [Cooked dinner]\n---\n",
    "journal/2026/11/2026-11-21.md": "---\nwins: [Fixed the bike]\nmood: 9\nwnis: [x]\n---\n",
  });
  return root;
}

describe("usage errors exit 2 with a message on stderr", () => {
  const cases: { args: string[]; message: RegExp }[] = [
    { args: ["bogus"], message: /unknown command 'bogus'/ },
    { args: ["chek"], message: /unknown command 'chek'.*\n?.*check/ },
    { args: ["check", "--bogus"], message: /unknown option '--bogus'/ },
    { args: ["stats", "--jsno"], message: /unknown option '--jsno'/ },
    { args: ["check", "--today", "2026-13-01"], message: /--today.*month/ },
    { args: ["stats", "--today", "2026-02-29"], message: /--today.*February has 28 days in 2026/ },
    { args: ["stats", "--today", "tomorrow"], message: /--today.*YYYY-MM-DD/ },
    { args: ["check", "--today"], message: /argument missing|--today/ },
    { args: ["check", "--config", "nope.yaml"], message: /nope\.yaml/ },
    { args: ["new", "--config", "nope.yaml", "--today", "2026-11-21"], message: /nope\.yaml/ },
    { args: ["check", "extra"], message: /too many arguments|unknown/ },
  ];
  for (const c of cases) {
    it(`smallwins ${c.args.join(" ")}`, async () => {
      const root = await project();
      const result = await runCli(c.args, { cwd: root });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(c.message);
      expect(result.stdout).toBe("");
    });
  }

  it("no arguments prints the help on stderr and exits 2", async () => {
    const result = await runCli([], { cwd: await tempDir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Usage: smallwins/);
    for (const command of ["check", "stats", "new", "init"]) expect(result.stderr).toContain(command);
  });
});

describe("--help and --version", () => {
  const HELP: Record<string, string[]> = {
    check: ["--journal", "--config", "--today", "--help"],
    stats: ["--journal", "--config", "--today", "--json", "--help"],
    new: ["--journal", "--config", "--today", "--week", "[date]", "--help"],
    init: ["--journal", "--config", "--today", "[dir]", "--help"],
  };
  for (const [command, options] of Object.entries(HELP)) {
    it(`smallwins ${command} --help`, async () => {
      const result = await runCli([command, "--help"], { cwd: await tempDir() });
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: smallwins ${command}`));
      for (const option of options) expect(result.stdout).toContain(option);
    });
  }

  it("smallwins --help lists the commands and exits 0", async () => {
    const result = await runCli(["--help"], { cwd: await tempDir() });
    expect(result.code).toBe(0);
    for (const command of Object.keys(HELP)) expect(result.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, "m"));
    expect(result.stdout).toContain("--version");
  });

  it("smallwins help new is the same as smallwins new --help", async () => {
    const root = await tempDir();
    const [a, b] = await Promise.all([runCli(["help", "new"], { cwd: root }), runCli(["new", "--help"], { cwd: root })]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it("--version and -v print the package.json version", async () => {
    const root = await tempDir();
    for (const flag of ["--version", "-v"]) {
      const result = await runCli([flag], { cwd: root });
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`${VERSION}\n`);
    }
  });
});

describe("colours", () => {
  it("a pipe (no terminal) gets no ANSI escape codes", async () => {
    const root = await project();
    const result = await runCli(["check", "--today", "2026-11-21"], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/: error: /);
    expect(hasAnsi(result.stderr)).toBe(false);
    expect(hasAnsi(result.stdout)).toBe(false);
  });

  it("NO_COLOR=1 gets no ANSI escape codes", async () => {
    const root = await project();
    for (const args of [["check"], ["stats"], ["bogus"], ["check", "--today", "2026-02-30"]]) {
      const result = await runCli([...args, ...(args.includes("--today") ? [] : ["--today", "2026-11-21"])], { cwd: root, env: { NO_COLOR: "1" } });
      expect(hasAnsi(result.stderr), args.join(" ")).toBe(false);
      expect(hasAnsi(result.stdout), args.join(" ")).toBe(false);
    }
  });

  it("FORCE_COLOR=1 colours the diagnostics on stderr, and the text stays the same", async () => {
    const root = await project();
    const [plain, coloured] = await Promise.all([
      runCli(["check", "--today", "2026-11-21"], { cwd: root }),
      runCli(["check", "--today", "2026-11-21"], { cwd: root, env: { FORCE_COLOR: "1" } }),
    ]);
    expect(coloured.code).toBe(1);
    expect(hasAnsi(coloured.stderr)).toBe(true);
    // eslint-disable-next-line no-control-regex
    const strip = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, "");
    expect(strip(coloured.stderr)).toBe(plain.stderr);
    // The location stays plain, so editors and terminals can still link it.
    expect(coloured.stderr).toMatch(/^journal\/2026\/11\/2026-11-21\.md:3:7: /m);
  });

  it("FORCE_COLOR=1 never colours the JSON of stats --json", async () => {
    const root = await project();
    const result = await runCli(["stats", "--json", "--today", "2026-11-21"], { cwd: root, env: { FORCE_COLOR: "1" } });
    expect(hasAnsi(result.stdout)).toBe(false);
    expect(() => JSON.parse(result.stdout) as unknown).not.toThrow();
  });
});

describe("a folder that is gone", () => {
  it("says so, exit 2, when the folder the command runs in was deleted", async () => {
    const root = await tempDir();
    // A shell that stands in a folder, deletes it, then runs smallwins there.
    const result = await runProcess("sh", ["-c", 'mkdir gone && cd gone && rmdir ../gone && exec "$0" "$1" build', process.execPath, CLI_PATH], { cwd: root });
    expect(result.stderr).toContain("the current folder no longer exists");
    expect(result.stderr).not.toContain("internal error");
    expect(result.code).toBe(2);
  });
});
