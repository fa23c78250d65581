/**
 * The published package works with its production dependencies only: pack the
 * repository, install the tarball into a fresh project with --omit=dev, and run
 * its `smallwins` binary. The only slow test; it needs npm and the registry
 * (or npm's cache).
 */
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, readText, runProcess, useTempDirs, writeFiles } from "../helpers/cli.js";

const tempDir = useTempDirs();
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

// When the tests run under `npm test`, npm's own variables (npm_config_local_prefix,
// npm_package_*, ...) would point a nested npm at this repository: drop them all.
const cleanNpmEnv: Record<string, undefined> = Object.fromEntries(
  Object.keys(process.env)
    .filter((name) => /^npm_/i.test(name) || name === "INIT_CWD")
    .map((name) => [name, undefined]),
);

describe("the packed package", () => {
  it("installs with --omit=dev and runs smallwins --version, stats --json and new", { timeout: 120_000 }, async () => {
    const work = await tempDir("smallwins-pack-");
    // dist/ is already built by `npm test`; --ignore-scripts keeps `prepare` from rebuilding it here.
    const pack = await runProcess(NPM, ["pack", "--ignore-scripts", "--json", "--pack-destination", work], { cwd: REPO_ROOT, env: cleanNpmEnv, timeoutMs: 60_000 });
    expect(pack.code, pack.stderr).toBe(0);
    const [packed] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    expect(packed).toBeDefined();
    const shipped = packed!.files.map((f) => f.path);
    expect(shipped).toContain("dist/cli.js");
    expect(shipped).toContain("package.json");
    expect(shipped.some((f) => f.startsWith("templates/new/"))).toBe(true);
    expect(shipped.some((f) => f.startsWith("src/") || f.startsWith("test/"))).toBe(false);

    const project = path.join(work, "project");
    await writeFiles(project, {
      "package.json": JSON.stringify({ name: "wins-site", version: "1.0.0", private: true }),
      "journal/2026/11/2026-11-20.md": "---\nwins: [Cooked dinner, Went for a walk]\n---\n",
      "journal/2026/11/2026-11-21.md": "---\nwins: [Fixed the bike]\n---\n",
    });
    const install = await runProcess(
      NPM,
      ["install", "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline", path.join(work, packed!.filename)],
      { cwd: project, env: cleanNpmEnv, timeoutMs: 100_000 },
    );
    expect(install.code, install.stderr).toBe(0);
    // Only production dependencies: none of the development tools came along.
    for (const dev of ["typescript", "vitest", "eslint", "fast-check"]) expect(existsSync(path.join(project, "node_modules", dev)), dev).toBe(false);

    const bin = path.join(project, "node_modules", ".bin", process.platform === "win32" ? "smallwins.cmd" : "smallwins");
    const version = await runProcess(bin, ["--version"], { cwd: project });
    expect(version.code, version.stderr).toBe(0);
    const ours = JSON.parse(await readText(REPO_ROOT, "package.json")) as { version: string };
    expect(version.stdout).toBe(`${ours.version}\n`);

    const stats = await runProcess(bin, ["stats", "--json", "--today", "2026-11-22"], { cwd: project });
    expect(stats.code, stats.stderr).toBe(0);
    // 20 and 21 November are win days; 22 November (today) has no win yet.
    expect(JSON.parse(stats.stdout)).toEqual({
      today: "2026-11-22",
      currentStreak: 2,
      longestStreak: { days: 2, from: "2026-11-20", to: "2026-11-21" },
      neverMissTwice: { days: 2, from: "2026-11-20", to: "2026-11-21" },
      totalWins: 3,
      winDays: 2,
      restDays: 0,
      comebacks: 0,
      weeks: [{ week: "2026-W47", wins: 3, winDays: 2 }],
    });

    // The built-in templates ship with the package.
    const created = await runProcess(bin, ["new", "--today", "2026-11-22"], { cwd: project });
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toBe("journal/2026/11/2026-11-22.md\n");
    expect(await readText(project, "journal/2026/11/2026-11-22.md")).toContain("2026-11-22");
    await writeFile(path.join(project, "smallwins.config.yaml"), "title: Installed\n");
    const check = await runProcess(bin, ["check", "--today", "2026-11-22"], { cwd: project });
    expect(check.code, check.stderr).toBe(0);
  });
});
