/**
 * `smallwins init [DIR] [--github-pages]`: config, journal/ with today's
 * entry, .gitignore, and with --github-pages a Pages workflow; never
 * overwrites anything.
 */
import { utimes } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { REPO_ROOT, dateNowIn, listFiles, readText, runCli, snapshotTree, useTempDirs, writeFiles } from "../helpers/cli.js";

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

describe("init --github-pages", () => {
  const WORKFLOW = ".github/workflows/smallwins.yml";
  const template = (): Promise<string> => readText(REPO_ROOT, "templates/new/github-pages.yml");

  /** The workflow's steps in the job that has them, by what they use or run. */
  interface Step {
    uses?: string;
    run?: string;
    with?: Record<string, unknown>;
  }
  interface Workflow {
    on: Record<string, unknown>;
    jobs: Record<string, { steps: Step[]; needs?: string; permissions?: Record<string, string> }>;
  }

  it("writes, in a fresh folder, the project and a workflow that builds with a warm cache and deploys to Pages", async () => {
    const root = await tempDir();
    const result = await runCli(["init", "--github-pages", ...TODAY], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    expect(await listFiles(root)).toEqual([".github/workflows/smallwins.yml", ".gitignore", "journal/2026/11/2026-11-21.md", "smallwins.config.yaml"]);
    expect(result.stdout).toMatch(/created\s+\.github\/workflows\/smallwins\.yml/);
    expect(result.stdout).toMatch(/Pages/);

    const text = await readText(root, WORKFLOW);
    expect(text).toBe(await template());
    const workflow = parseYaml(text) as Workflow;
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(["push", "workflow_dispatch"]));
    const steps = workflow.jobs.build!.steps;
    const step = (action: string): Step => {
      const found = steps.find((s) => s.uses?.startsWith(`${action}@`));
      expect(found, action).toBeDefined();
      return found!;
    };
    const index = (action: string): number => steps.indexOf(step(action));

    // The cache: the parse cache's folder, restored by a prefix of the key each run saves under.
    const cache = step("actions/cache").with!;
    expect(cache.path).toBe(".smallwins-cache");
    expect(String(cache.key).startsWith(String(cache["restore-keys"]).trim())).toBe(true);
    expect(String(cache.key)).not.toBe(String(cache["restore-keys"]).trim());

    // Node.js 20 or newer, then the build into the folder that is uploaded, after the cache is restored.
    expect(Number(step("actions/setup-node").with!["node-version"])).toBeGreaterThanOrEqual(20);
    const build = steps.find((s) => s.run?.includes("smallwins build"));
    expect(build?.run).toMatch(/--out site\b/);
    expect(step("actions/upload-pages-artifact").with!.path).toBe("site");
    expect(index("actions/checkout")).toBeLessThan(index("actions/cache"));
    expect(index("actions/cache")).toBeLessThan(steps.indexOf(build!));
    expect(steps.indexOf(build!)).toBeLessThan(index("actions/upload-pages-artifact"));

    const deploy = workflow.jobs.deploy!;
    expect(deploy.needs).toBe("build");
    expect(deploy.permissions).toMatchObject({ pages: "write", "id-token": "write" });
    expect(deploy.steps.some((s) => s.uses?.startsWith("actions/deploy-pages@"))).toBe(true);

    // The project it set up checks clean, workflow and all.
    expect((await runCli(["check", ...TODAY], { cwd: root })).code).toBe(0);
  });

  it("adds only the workflow to a project that has its config, and leaves the journal alone", async () => {
    const root = await tempDir();
    expect((await runCli(["init", ...TODAY], { cwd: root })).code).toBe(0);
    await writeFiles(root, { "journal/2026/11/2026-11-20.md": "---\nwins: [Kept the journal]\n---\n" });
    const old = new Date("2020-01-01T00:00:00Z");
    for (const rel of await listFiles(root)) await utimes(path.join(root, rel), old, old);
    const before = await snapshotTree(root);

    // A later day: a plain init would create that day's entry; --github-pages in a project does not.
    const result = await runCli(["init", "--github-pages", "--today", "2026-11-25"], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    const after = await snapshotTree(root);
    expect(Object.keys(after).sort()).toEqual([...Object.keys(before), WORKFLOW].sort());
    for (const [rel, state] of Object.entries(before)) expect(after[rel], rel).toEqual(state);
    expect(await readText(root, WORKFLOW)).toBe(await template());
    expect(result.stdout).toMatch(/created\s+\.github\/workflows\/smallwins\.yml/);
    expect(result.stdout).not.toMatch(/journal\//);
  });

  it("never overwrites an existing workflow, and says it was kept", async () => {
    const root = await tempDir();
    const mine = "name: my own deploy\non: push\njobs: {}\n";
    await writeFiles(root, { [WORKFLOW]: mine });
    const old = new Date("2020-01-01T00:00:00Z");
    await utimes(path.join(root, WORKFLOW), old, old);
    const before = (await snapshotTree(root))[WORKFLOW];

    const fresh = await runCli(["init", "--github-pages", ...TODAY], { cwd: root });
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(fresh.stdout).toMatch(/exists\s+\.github\/workflows\/smallwins\.yml, left as it is/);
    expect((await snapshotTree(root))[WORKFLOW]).toEqual(before);
    // The rest of the project was still set up around it.
    expect(await listFiles(root)).toEqual([WORKFLOW, ".gitignore", "journal/2026/11/2026-11-21.md", "smallwins.config.yaml"]);

    const again = await runCli(["init", "--github-pages", ...TODAY], { cwd: root });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/exists\s+\.github\/workflows\/smallwins\.yml, left as it is/);
    expect(await readText(root, WORKFLOW)).toBe(mine);
  });
});
