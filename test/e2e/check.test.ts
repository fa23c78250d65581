/**
 * `smallwins check` (and `stats`) on real journals: exit codes, located
 * diagnostics, a bad file not hiding the good ones, and never a write to the journal.
 */
import { existsSync } from "node:fs";
import { utimes } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listFiles, runCli, snapshotTree, useTempDirs, writeFiles } from "../helpers/cli.js";

const tempDir = useTempDirs();
const TODAY = ["--today", "2026-11-21"];

/**
 * A clean journal. Saturday 2026-11-21 is in 2026-W47 (Monday 16 to Sunday 22 November).
 * 2026-11-19: two front-matter wins and one checked task = 3 wins; 2026-11-20: 1 win.
 */
const CLEAN: Record<string, string> = {
  "journal/2026/11/2026-11-19.md": [
    "---",
    "wins:",
    "  - Went for a walk",
    "  - text: Asked a question in the meeting",
    "    area: social",
    "    level: 2",
    "mood: 4",
    "---",
    "A calm day.",
    "",
    "- [x] Made my bed",
    "- [ ] Call the bank",
    "",
  ].join("\n"),
  "journal/2026/11/2026-11-20.md": "---\nwins: [Cooked dinner]\n---\n",
  "journal/weeks/2026-W47.md": "---\nrating: 4\n---\nA good week.\n",
};

/** What the clean files count for on 2026-11-21, worked out by hand. */
const CLEAN_STATS = { totalWins: 4, winDays: 2, currentStreak: 2, weeks: [{ week: "2026-W47", wins: 4, winDays: 2 }] };

async function project(extra: Record<string, string> = {}): Promise<string> {
  const root = await tempDir();
  await writeFiles(root, { ...CLEAN, ...extra });
  return root;
}

/** The diagnostic lines of stderr: `path:line:column: severity: message (hint: ...)`. */
function diagnosticLines(stderr: string): string[] {
  return stderr.split("\n").filter((line) => /^[^\s:]+:\d+:\d+: (error|warning): /.test(line));
}

describe("check on a clean journal", () => {
  it("exits 0 and prints no diagnostics", async () => {
    const root = await project();
    const result = await runCli(["check", ...TODAY], { cwd: root });
    expect(result.code).toBe(0);
    expect(diagnosticLines(result.stderr)).toEqual([]);
    expect(result.stderr).not.toMatch(/error/i);
  });

  it("reads --journal from the working folder and --config from anywhere", async () => {
    const root = await tempDir();
    await writeFiles(root, {
      ...Object.fromEntries(Object.entries(CLEAN).map(([rel, text]) => [rel.replace(/^journal\//, "notes/"), text])),
      "conf/other.yaml": "title: Elsewhere\n",
    });
    const result = await runCli(["stats", "--json", "--journal", "notes", "--config", "conf/other.yaml", ...TODAY], { cwd: root });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject(CLEAN_STATS);
  });

  it("exits 1 with a clear message when the journal folder is missing", async () => {
    const root = await tempDir();
    const result = await runCli(["check", ...TODAY], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("journal");
    expect(result.stderr).toMatch(/^error: the journal folder journal does not exist/m);
    expect(result.stderr).toMatch(/hint: .*smallwins init/);
  });
});

describe("check on a journal with one broken file", () => {
  const BAD = "journal/2026/11/2026-11-21.md";
  // Each case: the file's text and where (line:column) the problem is, counted by hand.
  const cases: { name: string; text: string; at: string; message: RegExp }[] = [
    {
      name: "a mood out of range",
      text: "---\nwins:\n  - Fixed the bike\nmood: 9\n---\n",
      at: "4:7", // line 4 is "mood: 9"; the value starts after "mood: " (6 characters)
      message: /mood/,
    },
    {
      name: "a win level out of range",
      text: "---\nwins:\n  - text: Fixed the bike\n    level: 7\n---\n",
      at: "4:12", // "    level: " is 11 characters
      message: /level/,
    },
    {
      name: "`---js` front matter (never evaluated)",
      text: '---js\n{ wins: [require("node:fs").writeFileSync("PWNED", "x")] }\n---\nBody\n',
      at: "1:4", // the language name "js" after the three dashes
      message: /YAML/,
    },
    {
      name: "front matter that is never closed",
      text: "---\nwins:\n  - Fixed the bike\n",
      at: "1:1", // the opening --- line that has no closing one
      message: /never closed/,
    },
    {
      name: "a `date` that disagrees with the file name",
      text: "---\ndate: 2026-11-22\nwins: [Fixed the bike]\n---\n",
      at: "2:7",
      message: /2026-11-22/,
    },
  ];

  for (const c of cases) {
    it(`reports ${c.name} at ${c.at}, exits 1, and the rest still counts`, async () => {
      const root = await project({ [BAD]: c.text });
      const check = await runCli(["check", ...TODAY], { cwd: root });
      expect(check.code).toBe(1);
      const lines = diagnosticLines(check.stderr);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^${BAD}:${c.at}: error: .+ \\(hint: .+\\)$`));
      expect(lines[0]).toMatch(c.message);

      const stats = await runCli(["stats", "--json", ...TODAY], { cwd: root });
      expect(stats.code).toBe(1);
      expect(stats.stderr).toContain(`${BAD}:${c.at}: error:`);
      expect(JSON.parse(stats.stdout)).toMatchObject(CLEAN_STATS);
      // Front matter is data, never code.
      expect(existsSync(path.join(root, "PWNED"))).toBe(false);
      expect(existsSync(path.join(root, "journal", "2026", "11", "PWNED"))).toBe(false);
    });
  }

  it("reports an impossible date in a file name at 1:1 of that file", async () => {
    const root = await project({ "journal/2026/11/2026-11-31.md": "---\nwins: [Fixed the bike]\n---\n" });
    const check = await runCli(["check", ...TODAY], { cwd: root });
    expect(check.code).toBe(1);
    const lines = diagnosticLines(check.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^journal\/2026\/11\/2026-11-31\.md:1:1: error: .*November has 30 days.* \(hint: .+\)$/);

    const stats = await runCli(["stats", "--json", ...TODAY], { cwd: root });
    expect(stats.code).toBe(1);
    expect(JSON.parse(stats.stdout)).toMatchObject(CLEAN_STATS);
  });

  it("reports every broken file, not only the first", async () => {
    const root = await project({ [BAD]: "---\nmood: 0\n---\n", "journal/2026/11/2026-11-18.md": "---\nenergy: 6\n---\n" });
    const check = await runCli(["check", ...TODAY], { cwd: root });
    expect(check.code).toBe(1);
    expect(diagnosticLines(check.stderr)).toEqual([
      expect.stringMatching(/^journal\/2026\/11\/2026-11-18\.md:2:9: error: /),
      expect.stringMatching(/^journal\/2026\/11\/2026-11-21\.md:2:7: error: /),
    ]);
  });
});

describe("warnings", () => {
  it("an unknown front-matter key is a warning naming the closest key, and exits 0", async () => {
    const root = await project({ "journal/2026/11/2026-11-21.md": "---\nwins: [Fixed the bike]\nwnis: [Typo]\n---\n" });
    const check = await runCli(["check", ...TODAY], { cwd: root });
    expect(check.code).toBe(0);
    const lines = diagnosticLines(check.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^journal\/2026\/11\/2026-11-21\.md:3:1: warning: .*`wnis`.*`wins`/);

    // The file still counts: one more win, and 19, 20 and 21 November make a 3-day streak.
    const stats = await runCli(["stats", "--json", ...TODAY], { cwd: root });
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({ totalWins: 5, winDays: 3, currentStreak: 3 });
  });

  it("a Markdown file with another name is skipped with a warning, and exits 0", async () => {
    const root = await project({ "journal/notes.md": "# not an entry\n", "journal/_drafts/2026-11-18.md": "---\nwins: [Ignored]\n---\n" });
    const check = await runCli(["check", ...TODAY], { cwd: root });
    expect(check.code).toBe(0);
    expect(diagnosticLines(check.stderr)).toEqual([expect.stringMatching(/^journal\/notes\.md:1:1: warning: /)]);
    const stats = await runCli(["stats", "--json", ...TODAY], { cwd: root });
    expect(JSON.parse(stats.stdout)).toMatchObject(CLEAN_STATS);
  });
});

describe("config errors", () => {
  it("an unknown config key is an error at its place in smallwins.config.yaml", async () => {
    const root = await project({ "smallwins.config.yaml": "title: My wins\ntitel: Oops\n" });
    const check = await runCli(["check", ...TODAY], { cwd: root });
    expect(check.code).toBe(1);
    const lines = diagnosticLines(check.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^smallwins\.config\.yaml:2:1: error: .*`titel`.*`title`/);
  });

  it("a bad config value is an error at the value", async () => {
    const root = await project({ "smallwins.config.yaml": "title: My wins\nminWinsPerDay: zero\n" });
    const check = await runCli(["check", ...TODAY], { cwd: root });
    expect(check.code).toBe(1);
    expect(diagnosticLines(check.stderr)).toEqual([expect.stringMatching(/^smallwins\.config\.yaml:2:16: error: .*minWinsPerDay/)]);
  });
});

describe("commands that only read never change the journal", () => {
  it("check, stats and new on an existing day leave every file's bytes and mtime alone", async () => {
    const root = await project({
      "journal/2026/11/2026-11-21.md": "---\nmood: 9\nwnis: [x]\n---\n",
      "journal/notes.md": "# notes\n",
      "smallwins.config.yaml": "title: My wins\n",
    });
    // Old mtimes, so that a rewrite with the same bytes would still show.
    const old = new Date("2020-01-01T00:00:00Z");
    for (const rel of await listFiles(root)) await utimes(path.join(root, rel), old, old);
    const before = await snapshotTree(root);

    const commands = [
      ["check", ...TODAY],
      ["stats", ...TODAY],
      ["stats", "--json", ...TODAY],
      ["new", ...TODAY],
      ["new", "2026-11-20", ...TODAY],
      ["new", "--week", "2026-W47", ...TODAY],
    ];
    for (const args of commands) {
      const result = await runCli(args, { cwd: root });
      expect(result.code, args.join(" ")).toBeLessThan(2);
      const after = await snapshotTree(root);
      // The parse cache (§5) may appear beside the config; nothing else may change.
      const kept = Object.fromEntries(Object.entries(after).filter(([rel]) => !rel.startsWith(".smallwins-cache/")));
      expect(kept, args.join(" ")).toEqual(before);
    }
  });
});
