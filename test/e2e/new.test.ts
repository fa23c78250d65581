/**
 * `smallwins new [DATE] [--week]`: creates the day's entry or the week's
 * reflection from a template, prints its path, and never overwrites.
 */
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REFLECTION_PROMPTS } from "../../src/aggregate/site-model.js";
import { listFiles, readText, runCli, useTempDirs, writeFiles } from "../helpers/cli.js";

const tempDir = useTempDirs();

async function project(files: Record<string, string> = {}): Promise<string> {
  const root = await tempDir();
  await writeFiles(root, { "journal/.keep": "", ...files });
  return root;
}

const diagnostics = (stderr: string): string[] => stderr.split("\n").filter((l) => /^\S+:\d+:\d+: (error|warning): /.test(l));

describe("new (a day)", () => {
  it("creates journal/YYYY/MM/YYYY-MM-DD.md for --today, prints its path, and the file checks clean with zero wins", async () => {
    const root = await project();
    const result = await runCli(["new", "--today", "2026-11-21"], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("journal/2026/11/2026-11-21.md\n");
    const text = await readText(root, "journal/2026/11/2026-11-21.md");
    // 21 November 2026 is a Saturday.
    expect(text).toContain("2026-11-21");
    expect(text).toContain("Saturday");
    expect(text.startsWith("---\n")).toBe(true);

    const check = await runCli(["check", "--today", "2026-11-21"], { cwd: root });
    expect(check.code).toBe(0);
    expect(diagnostics(check.stderr)).toEqual([]);
    const stats = await runCli(["stats", "--json", "--today", "2026-11-21"], { cwd: root });
    expect(JSON.parse(stats.stdout)).toMatchObject({ totalWins: 0, winDays: 0, currentStreak: 0, weeks: [{ week: "2026-W47", wins: 0, winDays: 0 }] });
  });

  it("takes the DATE argument", async () => {
    const root = await project();
    const result = await runCli(["new", "2024-02-29", "--today", "2026-11-21"], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("journal/2024/02/2024-02-29.md\n");
    expect(await readText(root, "journal/2024/02/2024-02-29.md")).toContain("Thursday");
  });

  it("never overwrites: a second run prints the same path and leaves the edited file alone", async () => {
    const root = await project();
    const first = await runCli(["new", "--today", "2026-11-21"], { cwd: root });
    const file = path.join(root, first.stdout.trim());
    const edited = "---\nwins:\n  - Wrote my first entry\n---\nDone.\n";
    await writeFile(file, edited);
    const second = await runCli(["new", "--today", "2026-11-21"], { cwd: root });
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toMatch(/already exists/);
    expect(await readText(root, "journal/2026/11/2026-11-21.md")).toBe(edited);
  });

  it("finds the day's file anywhere in the journal and prints that path instead", async () => {
    const text = "---\nwins: [Evening walk]\n---\n";
    const root = await project({ "journal/2026-11-22-evening.md": text });
    const result = await runCli(["new", "2026-11-22", "--today", "2026-11-22"], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("journal/2026-11-22-evening.md\n");
    expect(await listFiles(path.join(root, "journal"))).toEqual([".keep", "2026-11-22-evening.md"]);
    expect(await readText(root, "journal/2026-11-22-evening.md")).toBe(text);
  });

  it("rejects a day that does not exist with exit 2 and creates nothing", async () => {
    const root = await project();
    const result = await runCli(["new", "2026-02-30", "--today", "2026-11-21"], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("2026-02-30");
    expect(result.stderr).toMatch(/February has 28 days in 2026/);
    expect(await listFiles(root)).toEqual(["journal/.keep"]);
  });

  it("rejects a bad DATE even where there is no journal yet", async () => {
    const root = await tempDir();
    const result = await runCli(["new", "21.11.2026"], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/YYYY-MM-DD/);
  });

  it("says to add --week when DATE is a week", async () => {
    const root = await project();
    const result = await runCli(["new", "2026-W53", "--today", "2026-11-21"], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--week/);
  });

  it("uses the day template from the user's templates folder", async () => {
    const root = await project({
      "smallwins.config.yaml": "templates: tpl\n",
      "tpl/new/day.md": "---\nwins:\n---\nMy own template for <%= it.weekday %> <%= it.date %>\n",
    });
    const result = await runCli(["new", "--today", "2026-11-21"], { cwd: root });
    expect(result.code).toBe(0);
    expect(await readText(root, "journal/2026/11/2026-11-21.md")).toBe("---\nwins:\n---\nMy own template for Saturday 2026-11-21\n");
    expect((await runCli(["check", "--today", "2026-11-21"], { cwd: root })).code).toBe(0);
  });

  it("refuses to create anything while the config has errors", async () => {
    const root = await project({ "smallwins.config.yaml": "jurnal: notes\n" });
    const result = await runCli(["new", "--today", "2026-11-21"], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^smallwins\.config\.yaml:1:1: error: .*`journal`/m);
    expect(await listFiles(root)).toEqual(["journal/.keep", "smallwins.config.yaml"]);
  });
});

describe("new --week", () => {
  // 2026-W47 runs Monday 16 to Sunday 22 November; 2026-W46 is 9 to 15 November.
  const WEEK_JOURNAL = {
    "journal/2026/11/2026-11-10.md": "---\nwins: [Last week's win]\n---\n",
    "journal/2026/11/2026-11-17.md": "---\nwins: [One, Two]\nmood: 4\n---\n",
    "journal/2026/11/2026-11-18.md": "---\nwins: [Three]\nmood: 2\n---\n",
  };

  it("creates journal/weeks/YYYY-Www.md prefilled with the week's numbers and the prompts, and it checks clean", async () => {
    const root = await project(WEEK_JOURNAL);
    const result = await runCli(["new", "--week", "--today", "2026-11-21"], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("journal/weeks/2026-W47.md\n");
    const text = await readText(root, "journal/weeks/2026-W47.md");
    expect(text).toContain("2026-W47");
    // 3 wins on 17 and 18 November; 1 win the week before.
    expect(text).toContain("3 wins on 2 of 7 days");
    expect(text).toContain("2 more than last week");
    // Moods 4 and 2 average 3.
    expect(text).toContain("average mood 3.0");
    expect(REFLECTION_PROMPTS).toHaveLength(3);
    for (const prompt of REFLECTION_PROMPTS) expect(text).toContain(prompt);

    const check = await runCli(["check", "--today", "2026-11-21"], { cwd: root });
    expect(check.code).toBe(0);
    expect(diagnostics(check.stderr)).toEqual([]);
  });

  it("says when files with errors are left out of the week's numbers", async () => {
    const root = await project({ ...WEEK_JOURNAL, "journal/2026/11/2026-11-19.md": "---\nwins: [Four]\nmood: 6\n---\n" });
    const result = await runCli(["new", "--week", "--today", "2026-11-21"], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("journal/weeks/2026-W47.md\n");
    expect(result.stderr).toMatch(/1 error/);
    expect(await readText(root, "journal/weeks/2026-W47.md")).toContain("3 wins on 2 of 7 days");
  });

  it("never overwrites a reflection", async () => {
    const root = await project({ ...WEEK_JOURNAL, "journal/weeks/2026-W47.md": "My own words.\n" });
    const result = await runCli(["new", "--week", "--today", "2026-11-21"], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("journal/weeks/2026-W47.md\n");
    expect(await readText(root, "journal/weeks/2026-W47.md")).toBe("My own words.\n");
  });

  it("puts 2027-01-01 in 2026-W53, given as a day or as the week", async () => {
    const root = await project({
      "journal/2026/12/2026-12-31.md": "---\nwins: [Fireworks]\n---\n",
      "journal/2027/01/2027-01-01.md": "---\nwins: [New-year walk, Called a friend]\n---\n",
    });
    const byDay = await runCli(["new", "--week", "2027-01-01", "--today", "2027-01-05"], { cwd: root });
    expect(byDay.code).toBe(0);
    expect(byDay.stdout).toBe("journal/weeks/2026-W53.md\n");
    expect(await readText(root, "journal/weeks/2026-W53.md")).toContain("3 wins on 2 of 7 days");
    const byWeek = await runCli(["new", "--week", "2026-W53", "--today", "2027-01-05"], { cwd: root });
    expect(byWeek.stdout).toBe("journal/weeks/2026-W53.md\n");
    expect(existsSync(path.join(root, "journal", "weeks", "2027-W53.md"))).toBe(false);
  });

  it("rejects a week that does not exist with exit 2", async () => {
    const root = await project();
    const result = await runCli(["new", "--week", "2026-W54", "--today", "2026-11-21"], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/53/);
    expect(await listFiles(root)).toEqual(["journal/.keep"]);
  });
});
