/**
 * `smallwins watch` end to end: the real binary (dist/cli.js) in a temporary
 * project, real file-system events, and the site on disk. Every wait is a
 * bounded poll on a condition; every process is stopped with SIGINT (and must
 * exit 0) or killed after the test.
 */
import { existsSync } from "node:fs";
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, runCli, useTempDirs, writeFiles } from "../helpers/cli.js";
import {
  FIXTURE_CONFIG,
  TODAY,
  dayEntry,
  dayPath,
  PROBE_RENDERED,
  REBUILD_LINE,
  buildProbe,
  interruptDuringFirstBuild,
  readIfExists,
  rebuildLines,
  useCliProcesses,
  waitFor,
  writeFixture,
  type RunningCli,
} from "../helpers/watch.js";

const tempDir = useTempDirs();
const startCli = useCliProcesses();

const TODAY_ENTRY = dayPath(TODAY);
const TODAY_PAGE = `site/days/${TODAY}.html`;

interface Session {
  readonly root: string;
  readonly cli: RunningCli;
  /** Absolute path of a file in the project. */
  abs(rel: string): string;
  /** A file's text under the project, or undefined when it does not exist. */
  read(rel: string): Promise<string | undefined>;
}

/** The fixture project plus today's entry, with `smallwins watch --today 2026-11-21` running in it. */
async function watching(args: readonly string[] = [], options: { nodeFlags?: readonly string[]; extra?: Record<string, string> } = {}): Promise<Session> {
  const root = await tempDir("smallwins-watch-");
  await writeFixture(root, { [TODAY_ENTRY]: dayEntry({ wins: ["Made tea"], mood: 3 }), ...options.extra });
  const cli = startCli(["watch", "--today", TODAY, ...args], root, options.nodeFlags);
  await cli.waitForLine(/^watching journal → site/, 0, { timeoutMs: 30_000 });
  const abs = (rel: string): string => path.join(root, ...rel.split("/"));
  return { root, cli, abs, read: (rel) => readIfExists(abs(rel)) };
}

/** Waits until a page contains a text. */
async function pageShows(s: Session, rel: string, text: string): Promise<string> {
  return waitFor(
    async () => {
      const html = await s.read(rel);
      return html?.includes(text) ? html : undefined;
    },
    () => `${rel} to contain ${JSON.stringify(text)}\nstdout:\n${s.cli.lines.join("\n")}\nstderr:\n${s.cli.stderr()}`,
  );
}

/** Stops with Ctrl-C and expects a clean exit. */
async function stopCleanly(s: Session): Promise<void> {
  const { code, signal } = await s.cli.stop();
  expect({ code, signal }, s.cli.stderr()).toEqual({ code: 0, signal: null });
  expect(s.cli.lines.at(-1)).toBe("stopped");
}

describe("smallwins watch", () => {
  it("builds first, then an edit reaches the day page on disk", async () => {
    const s = await watching();
    expect(s.cli.lines[0]).toMatch(/^✓ built: \d+ files written in \d+ ms \(0 errors, 0 warnings\)$/);
    expect(await s.read(TODAY_PAGE)).toContain("Made tea");

    const from = s.cli.lines.length;
    await writeFile(s.abs(TODAY_ENTRY), dayEntry({ wins: ["Made tea", "Answered the hard email"], mood: 4 }));
    await pageShows(s, TODAY_PAGE, "Answered the hard email");
    const line = await s.cli.waitForLine(/^✓ journal\/2026\/11\/2026-11-21\.md changed: \d+ files? written in \d+ ms \(0 errors, 0 warnings\)$/, from);
    expect(line).toBeGreaterThanOrEqual(from);
    await stopCleanly(s);
  });

  it("a rename-over save (JetBrains-style temp file) updates the page; the temp file makes no page and no warning", async () => {
    const s = await watching();
    const dir = s.abs("journal/2026/11");
    const tmp = path.join(dir, `${TODAY}.md.tmp`);
    await writeFile(tmp, dayEntry({ wins: ["Saved through a temp file"], mood: 4 }));
    await rename(tmp, s.abs(TODAY_ENTRY));
    await pageShows(s, TODAY_PAGE, "Saved through a temp file");

    // A later edit proves every event of the save was handled before we look at the site.
    await writeFile(s.abs(TODAY_ENTRY), dayEntry({ wins: ["Saved through a temp file", "Then edited"], mood: 4 }));
    await pageShows(s, TODAY_PAGE, "Then edited");
    expect((await readdir(s.abs("site/days"))).filter((f) => f.includes("tmp"))).toEqual([]);
    expect(s.cli.stderr()).toBe("");
    for (const line of rebuildLines(s.cli.lines)) expect(line).toMatch(/\(0 errors, 0 warnings\)$/);
    await stopCleanly(s);
  });

  it("a vim-style save (4913 probe, backup~, new file) updates the page; the litter makes no page and no warning", async () => {
    const s = await watching();
    const dir = s.abs("journal/2026/11");
    const entry = s.abs(TODAY_ENTRY);
    // vim: probes the folder with 4913, renames the file to file~, writes a new file, removes the backup.
    await writeFile(path.join(dir, "4913"), "");
    await rm(path.join(dir, "4913"));
    await rename(entry, `${entry}~`);
    await writeFile(entry, dayEntry({ wins: ["Saved from vim"], mood: 5 }));
    await rm(`${entry}~`);
    await pageShows(s, TODAY_PAGE, "Saved from vim");

    await writeFile(entry, dayEntry({ wins: ["Saved from vim", "Saved again"], mood: 5 }));
    await pageShows(s, TODAY_PAGE, "Saved again");
    const pages = await readdir(s.abs("site/days"));
    expect(pages.filter((f) => !/^\d{4}-\d{2}-\d{2}\.html$/.test(f))).toEqual([]);
    expect(s.cli.stderr()).toBe("");
    for (const line of rebuildLines(s.cli.lines)) expect(line).toMatch(/\(0 errors, 0 warnings\)$/);
    await stopCleanly(s);
  });

  it("deleting an entry deletes its page", async () => {
    const s = await watching();
    expect(existsSync(s.abs("site/days/2026-11-20.html"))).toBe(true);
    await rm(s.abs(dayPath("2026-11-20")));
    await waitFor(() => !existsSync(s.abs("site/days/2026-11-20.html")), "the deleted day's page to disappear");
    await s.cli.waitForLine(/, 1 deleted in \d+ ms/);
    await stopCleanly(s);
  });

  it("a broken save shows path:line:column, keeps the last good page and the watcher; the fix updates the page", async () => {
    const s = await watching();
    const good = await readFile(s.abs(TODAY_PAGE));
    const from = s.cli.lines.length;
    // Lines: 1 ---, 2 wins:, 3 - "Half-written", 4 mood: 9 (the value at column 7).
    await writeFile(s.abs(TODAY_ENTRY), dayEntry({ wins: ["Half-written"], mood: 9 }));
    await waitFor(() => s.cli.stderr().includes(`${TODAY_ENTRY}:4:7: error:`), () => `the located error on stderr\n${s.cli.stderr()}`);
    await s.cli.waitForLine(/^✓ journal\/2026\/11\/2026-11-21\.md changed: .*\(1 error, 0 warnings\)$/, from);
    expect(s.cli.child.exitCode).toBeNull();
    expect((await readFile(s.abs(TODAY_PAGE))).equals(good)).toBe(true);

    await writeFile(s.abs(TODAY_ENTRY), dayEntry({ wins: ["Fixed and saved"], mood: 4 }));
    await pageShows(s, TODAY_PAGE, "Fixed and saved");
    await s.cli.waitForLine(/\(0 errors, 0 warnings\)$/, from + 1);
    await stopCleanly(s);
  });

  it("a burst of 200 new files is merged into a few builds, never two at once", { timeout: 90_000 }, async () => {
    const s = await watching([], { nodeFlags: buildProbe(`days/${TODAY}.html`) });
    const dates = Array.from({ length: 200 }, (_, i) => new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10));
    const from = s.cli.lines.length;
    // As fast as possible: new month folders, then all 200 files at once.
    await Promise.all([...new Set(dates.map((d) => path.dirname(s.abs(dayPath(d)))))].map((dir) => mkdir(dir, { recursive: true })));
    await Promise.all(dates.map((d, i) => writeFile(s.abs(dayPath(d)), dayEntry({ wins: [`Burst win ${i}`] }))));

    let pages = 0;
    await waitFor(
      async () => {
        pages = (await readdir(s.abs("site/days"))).filter((n) => n.startsWith("2025-")).length;
        return pages === 200;
      },
      () => `200 pages of 2025; ${pages} so far\n${s.cli.lines.join("\n")}`,
      { timeoutMs: 60_000 },
    );
    for (const [i, d] of dates.entries()) expect(await s.read(`site/days/${d}.html`), d).toContain(`Burst win ${i}`);

    // A last edit after the burst. The probe marks the build that rendered it:
    // every rebuild line before that mark belongs to the burst.
    const sentinel = s.cli.lines.length;
    await writeFile(s.abs(TODAY_ENTRY), dayEntry({ wins: ["After the burst"], mood: 3 }));
    await pageShows(s, TODAY_PAGE, "After the burst");
    const mark = await s.cli.waitForLine(new RegExp(`^${PROBE_RENDERED}`), sentinel);
    await s.cli.waitForLine(REBUILD_LINE, mark);
    const burstBuilds = rebuildLines(s.cli.lines.slice(from, mark));
    expect(burstBuilds.length, burstBuilds.join("\n")).toBeGreaterThanOrEqual(1);
    expect(burstBuilds.length, burstBuilds.join("\n")).toBeLessThanOrEqual(5);
    expect(s.cli.stderr()).not.toContain("smallwins-probe: overlapping builds");
    await stopCleanly(s);
  });

  it("an entry truncated and then written in two chunks ends with the full content published", async () => {
    const s = await watching();
    const handle = await open(s.abs(TODAY_ENTRY), "w");
    try {
      await handle.write("---\nwins:\n  - First chunk win\n");
      // An editor or a sync tool writing slowly: the second chunk comes a moment later.
      await new Promise((resolve) => setTimeout(resolve, 30));
      await handle.write("  - Second chunk win\nmood: 4\n---\nBoth chunks arrived.\n");
    } finally {
      await handle.close();
    }
    const html = await pageShows(s, TODAY_PAGE, "Both chunks arrived.");
    expect(html).toContain("First chunk win");
    expect(html).toContain("Second chunk win");
    await stopCleanly(s);
  });

  it("renaming a month folder keeps every page", async () => {
    const s = await watching();
    const days = (await readdir(s.abs("site/days"))).sort();
    const before = new Map(await Promise.all(days.map(async (name) => [name, await readFile(s.abs(`site/days/${name}`))] as const)));

    const from = s.cli.lines.length;
    await rename(s.abs("journal/2026/11"), s.abs("journal/2026/11b"));
    await s.cli.waitForLine(/changed/, from);
    // The watcher follows the new folder: an edit there reaches the page.
    await writeFile(s.abs(`journal/2026/11b/${TODAY}.md`), dayEntry({ wins: ["Made tea", "Edited in the renamed folder"], mood: 3 }));
    await pageShows(s, TODAY_PAGE, "Edited in the renamed folder");

    expect((await readdir(s.abs("site/days"))).sort()).toEqual(days);
    for (const [name, bytes] of before) {
      if (name === `${TODAY}.html`) continue;
      expect((await readFile(s.abs(`site/days/${name}`))).equals(bytes), name).toBe(true);
    }
    await stopCleanly(s);
  });

  it("never watches .git or the output folder: writing there triggers no build", async () => {
    const s = await watching([], { extra: { "journal/.git/HEAD": "ref: refs/heads/main\n", ".git/HEAD": "ref: refs/heads/main\n" } });
    const from = s.cli.lines.length;
    await writeFiles(s.root, {
      "journal/.git/objects/ab/cdef0123": "blob",
      "journal/.git/COMMIT_EDITMSG.md": "# a Markdown file inside .git\n",
      "journal/.git/HEAD": "ref: refs/heads/other\n",
      ".git/index": "index",
      "site/notes.md": "# my own file in the output folder\n",
      "site/days/scratch.txt": "scratch",
    });
    await rm(s.abs("journal/.git/objects/ab/cdef0123"));

    // Two edits after those writes: if anything above were watched, or a build's
    // own output triggered a build, lines naming other paths would show up here.
    await writeFile(s.abs(TODAY_ENTRY), dayEntry({ wins: ["First sentinel"], mood: 3 }));
    await pageShows(s, TODAY_PAGE, "First sentinel");
    const firstLine = await s.cli.waitForLine(/changed/, from);
    await writeFile(s.abs(TODAY_ENTRY), dayEntry({ wins: ["Second sentinel"], mood: 3 }));
    await pageShows(s, TODAY_PAGE, "Second sentinel");
    await s.cli.waitForLine(/changed/, firstLine + 1);

    // Every build since the writes was for the entry alone (a save may take two: the truncated file, then the whole).
    const lines = rebuildLines(s.cli.lines, from);
    expect(lines.length, lines.join("\n")).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line).toMatch(/^✓ journal\/2026\/11\/2026-11-21\.md changed: /);
    expect(await s.read("site/notes.md")).toBe("# my own file in the output folder\n");
    await stopCleanly(s);
  });

  it("a templates folder added to the config is watched: a template edit there renders every page", async () => {
    const s = await watching();
    const layout = await readFile(path.join(REPO_ROOT, "templates", "layout.eta"), "utf8");
    await writeFiles(s.root, { "my-templates/layout.eta": layout });
    await writeFile(s.abs("smallwins.config.yaml"), `${FIXTURE_CONFIG}templates: my-templates\n`);
    const from = await s.cli.waitForLine(/^✓ smallwins\.config\.yaml changed: /);
    await writeFile(s.abs("my-templates/layout.eta"), layout.replace("</body>", "<!-- edited while watching --></body>"));
    // Named by its event, or by the look smallwins takes once the new folder is watched; a build cut short
    // by the save's second event ("the rest with the next change") is followed by the one that does the rest.
    await s.cli.waitForLine(/^✓ my-templates(\/layout\.eta)? changed: (?!.*the rest with the next change)/, from + 1);
    const pages = (await readdir(s.abs("site"), { recursive: true })).filter((f) => f.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) expect(await s.read(`site/${page}`), page).toContain("<!-- edited while watching -->");
    await stopCleanly(s);
  });

  it("--poll picks up an edit too", async () => {
    const root = await tempDir("smallwins-watch-poll-");
    await writeFixture(root, { [TODAY_ENTRY]: dayEntry({ wins: ["Made tea"] }) });
    const cli = startCli(["watch", "--today", TODAY, "--poll"], root);
    await cli.waitForLine(/^watching journal → site \(polling\)/, 0, { timeoutMs: 30_000 });
    const s: Session = { root, cli, abs: (rel) => path.join(root, rel), read: (rel) => readIfExists(path.join(root, rel)) };
    await writeFile(s.abs(TODAY_ENTRY), dayEntry({ wins: ["Seen by polling"] }));
    await pageShows(s, TODAY_PAGE, "Seen by polling");
    await stopCleanly(s);
  });

  it("Ctrl-C (SIGINT) stops it with exit code 0", async () => {
    const s = await watching();
    const { code, signal } = await s.cli.stop();
    expect(code).toBe(0);
    expect(signal).toBeNull();
    expect(s.cli.lines.at(-1)).toBe("stopped");
    expect(s.cli.stderr()).toBe("");
  });

  it("Ctrl-C during the first build still stops cleanly with exit code 0", async () => {
    const root = await tempDir("smallwins-watch-early-");
    await writeFixture(root);
    const cli = startCli(["watch", "--today", TODAY], root, interruptDuringFirstBuild());
    const { code, signal } = await cli.exited;
    expect({ code, signal }, cli.stderr()).toEqual({ code: 0, signal: null });
    expect(cli.lines.at(-1)).toBe("stopped");
  });

  it("without a journal folder, says so and exits 1 (not an internal error)", async () => {
    const root = await tempDir("smallwins-watch-nojournal-");
    const result = await runCli(["watch", "--today", TODAY], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("error: the journal folder journal does not exist");
    expect(result.stderr).not.toContain("internal error");
  });
});
