/**
 * `smallwins init [DIR]`: config, journal/ with today's entry, .gitignore;
 * never overwrites anything.
 */
import { utimes } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dateNowIn, listFiles, readText, runCli, snapshotTree, useTempDirs, writeFiles } from "../helpers/cli.js";

const tempDir = useTempDirs();
const TODAY = ["--today", "2026-11-21"];
const diagnostics = (stderr: string): string[] => stderr.split("\n").filter((l) => /^\S+:\d+:\d+: (error|warning): /.test(l));

describe("init", () => {
  it("creates the config, today's entry and a .gitignore in an empty folder, and the project checks clean", async () => {
    const root = await tempDir();
    const result = await runCli(["init", ...TODAY], { cwd: root });
    expect(result.code).toBe(0);
    expect(await listFiles(root)).toEqual([".gitignore", "journal/2026/11/2026-11-21.md", "smallwins.config.yaml"]);
    for (const file of [".gitignore", "journal/2026/11/2026-11-21.md", "smallwins.config.yaml"]) {
      expect(result.stdout).toMatch(new RegExp(`created\\s+${file.replace(/\./g, "\\.")}`));
    }
    const ignored = (await readText(root, ".gitignore")).split("\n").map((l) => l.trim());
    expect(ignored).toContain("site/");
    expect(ignored).toContain(".smallwins-cache/");

    const check = await runCli(["check", ...TODAY], { cwd: root });
    expect(check.code).toBe(0);
    expect(diagnostics(check.stderr)).toEqual([]);
    const stats = await runCli(["stats", "--json", ...TODAY], { cwd: root });
    expect(JSON.parse(stats.stdout)).toMatchObject({ today: "2026-11-21", totalWins: 0 });
  });

  it("without --today uses the system's time zone, and writes it into the config", async () => {
    const root = await tempDir();
    const zone = "Pacific/Kiritimati";
    const before = dateNowIn(zone);
    const result = await runCli(["init"], { cwd: root, env: { TZ: zone } });
    const after = dateNowIn(zone);
    expect(result.code).toBe(0);
    expect(await readText(root, "smallwins.config.yaml")).toMatch(/^timezone: Pacific\/Kiritimati\b/m);
    const entries = (await listFiles(root)).filter((f) => f.startsWith("journal/"));
    expect(entries).toHaveLength(1);
    const expected = [before, after].map((d) => `journal/${d.slice(0, 4)}/${d.slice(5, 7)}/${d}.md`);
    expect(expected).toContain(entries[0]);
    // A later check in another TZ still sees the config's day.
    const check = await runCli(["check"], { cwd: root, env: { TZ: "Etc/GMT+12" } });
    expect(check.code).toBe(0);
    expect(diagnostics(check.stderr)).toEqual([]);
  });

  it("changes nothing when run again, and says the files exist", async () => {
    const root = await tempDir();
    expect((await runCli(["init", ...TODAY], { cwd: root })).code).toBe(0);
    const old = new Date("2020-01-01T00:00:00Z");
    for (const rel of await listFiles(root)) await utimes(path.join(root, rel), old, old);
    const before = await snapshotTree(root);

    const again = await runCli(["init", ...TODAY], { cwd: root });
    expect(again.code).toBe(0);
    expect(await snapshotTree(root)).toEqual(before);
    for (const file of [".gitignore", "journal/2026/11/2026-11-21.md", "smallwins.config.yaml"]) {
      expect(again.stdout).toMatch(new RegExp(`exists\\s+${file.replace(/\./g, "\\.")}`));
    }
    expect(again.stdout).not.toMatch(/created/);
  });

  it("leaves an existing .gitignore untouched and says what to add", async () => {
    const root = await tempDir();
    await writeFiles(root, { ".gitignore": "node_modules/\n" });
    const result = await runCli(["init", ...TODAY], { cwd: root });
    expect(result.code).toBe(0);
    expect(await readText(root, ".gitignore")).toBe("node_modules/\n");
    expect(result.stdout).toMatch(/exists\s+\.gitignore.*site\/.*\.smallwins-cache\//);
    expect(await listFiles(root)).toEqual([".gitignore", "journal/2026/11/2026-11-21.md", "smallwins.config.yaml"]);
  });

  it("sets up DIR, creating it, with paths shown from where it runs", async () => {
    const root = await tempDir();
    const result = await runCli(["init", "my-wins", ...TODAY], { cwd: root });
    expect(result.code).toBe(0);
    expect(await listFiles(root)).toEqual(["my-wins/.gitignore", "my-wins/journal/2026/11/2026-11-21.md", "my-wins/smallwins.config.yaml"]);
    expect(result.stdout).toContain("my-wins/smallwins.config.yaml");
    expect((await runCli(["check", ...TODAY], { cwd: path.join(root, "my-wins") })).code).toBe(0);
  });

  it("--journal puts the journal there and into the config", async () => {
    const root = await tempDir();
    const result = await runCli(["init", "--journal", "notes", ...TODAY], { cwd: root });
    expect(result.code).toBe(0);
    expect(await listFiles(root)).toEqual([".gitignore", "notes/2026/11/2026-11-21.md", "smallwins.config.yaml"]);
    expect(await readText(root, "smallwins.config.yaml")).toMatch(/^journal: notes\b/m);
    // Without --journal, the config leads later commands to the same folder.
    await writeFiles(root, { "notes/2026/11/2026-11-20.md": "---\nwins: [Set up the journal]\n---\n" });
    const stats = await runCli(["stats", "--json", ...TODAY], { cwd: root });
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({ totalWins: 1, winDays: 1 });
  });

  it("follows an existing config's journal folder and leaves the config alone", async () => {
    const root = await tempDir();
    const config = "title: Diary\njournal: diary\n";
    await writeFiles(root, { "smallwins.config.yaml": config });
    const result = await runCli(["init", ...TODAY], { cwd: root });
    expect(result.code).toBe(0);
    expect(await readText(root, "smallwins.config.yaml")).toBe(config);
    expect(await listFiles(root)).toEqual([".gitignore", "diary/2026/11/2026-11-21.md", "smallwins.config.yaml"]);
  });
});
