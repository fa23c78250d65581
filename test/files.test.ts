/**
 * Files beside entries (§6), the parts that decide what may be published:
 * which file a reference names (never one outside the journal folder), the
 * name it is published under, which files published text references, and the
 * shell's listing of the journal's other files (symlinks out refused).
 */
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fileList, publishedFileName, publishedFiles, resolveFile, type FileOutcome, type FileReferrer, type FileToPublish } from "../src/aggregate/files.js";
import { createFilesMemo, memoFilesToPublish, type FilesMemo } from "../src/memo/files-memo.js";
import type { DaySummary } from "../src/model/site.js";
import { listJournalFiles } from "../src/io/journal.js";
import { readBody } from "../src/parse/markdown.js";

const FILES = fileList([
  "2026/11/photos/run.jpg",
  "2026/11/my run.jpg",
  "2026/11/a#b.png",
  "2026/11/what?.png",
  "2026/11/100%.png",
  "2026/11/café.jpg",
  "2026/10/run.jpg",
  "receipts/r.pdf",
  "map.png",
]);
const ENTRY = "2026/11/2026-11-21.md";

/** What each reference of a Markdown body, written in ENTRY, names. */
function resolved(markdown: string, from = ENTRY): FileOutcome[] {
  return readBody(markdown).references.map((ref) => resolveFile(FILES, ref, from));
}
const file = (relPath: string): FileOutcome => ({ relPath });

describe("a reference to a file", () => {
  it("is read from the entry's own folder, with URL escapes for spaces, #, ?, % and non-ASCII letters", () => {
    expect(resolved("![a](photos/run.jpg) [b](../../receipts/r.pdf) ![c](my%20run.jpg) ![d](<my run.jpg>) ![e](a%23b.png) ![f](what%3F.png) ![g](100%25.png) ![h](café.jpg) ![i](caf%C3%A9.jpg)\n")).toEqual([
      file("2026/11/photos/run.jpg"),
      file("receipts/r.pdf"),
      file("2026/11/my run.jpg"),
      file("2026/11/my run.jpg"),
      file("2026/11/a#b.png"),
      file("2026/11/what?.png"),
      file("2026/11/100%.png"),
      file("2026/11/café.jpg"),
      file("2026/11/café.jpg"),
    ]);
  });

  it("as an embed's bare name is found anywhere in the journal, the one nearest the entry first", () => {
    expect(resolved("![[run.jpg]] ![[map.png|The map]] ![[r.pdf]]\n")).toEqual([file("2026/11/photos/run.jpg"), file("map.png"), file("receipts/r.pdf")]);
    expect(resolved("![[run.jpg]]\n", "2026/10/2026-10-02.md")).toEqual([file("2026/10/run.jpg")]);
    expect(resolved("![[100%.png]] ![[my run.jpg]]\n")).toEqual([file("2026/11/100%.png"), file("2026/11/my run.jpg")]);
  });

  it("that leaves the journal folder is refused, however it is written", () => {
    const outcomes = resolved("![a](../../../.ssh/id_ed25519) [b](/etc/passwd) [c](file:///etc/passwd) [d](C:\\Users\\me\\x.jpg) ![e](%2E%2E/%2E%2E/%2E%2E/x.jpg) ![[../../../.ssh/id_ed25519]]\n");
    expect(outcomes).toHaveLength(6);
    for (const o of outcomes) {
      expect(o).not.toHaveProperty("relPath");
      expect(o).toMatchObject({ problem: expect.stringContaining("leaves the journal folder: it is not published") });
    }
  });

  it("to a missing file says so, with the nearest name", () => {
    expect(resolved("![x](photos/rn.jpg)\n")).toEqual([
      {
        problem: "`photos/rn.jpg` names no file in the journal — did you mean `run.jpg`?",
        hint: "put the file beside the entry (or in a folder under it) and write its path from the entry's folder",
      },
    ]);
  });
});

describe("a published file's name", () => {
  it("keeps two files of one name apart, and is plain ASCII whatever the name", () => {
    const names = ["2026/11/photos/run.jpg", "2026/10/run.jpg", "2026/11/my run.jpg", "2026/11/a#b.png", "2026/11/what?.png", "2026/11/100%.png", "2026/11/café.jpg", "x/.hidden", "x/ÄÖÜ.JPEG"].map(publishedFileName);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^files\/[a-z0-9-]+-[0-9a-f]{10}(\.[a-z0-9]+)?$/);
    expect(publishedFileName("2026/11/café.jpg")).toMatch(/^files\/cafe-[0-9a-f]{10}\.jpg$/);
    expect(publishedFileName("2026/11/photos/run.jpg")).toBe(publishedFileName("2026/11/photos/run.jpg"));
  });
});

describe("the files to publish", () => {
  const body = (markdown: string, published: boolean, relPath = ENTRY): FileReferrer => ({
    references: readBody(markdown).references,
    file: `journal/${relPath}`,
    relPath,
    published,
  });

  it("are those published text references, never one only hidden text references", () => {
    const bodies = [body("![run](photos/run.jpg) [[2026-11-20]] [day](2026-11-20.md)\n", true), body("![secret](my%20run.jpg) [r](../../receipts/r.pdf)\n", false)];
    expect(publishedFiles(FILES, bodies)).toEqual([{ relPath: "2026/11/photos/run.jpg", file: `journal/${ENTRY}`, at: { line: 1, column: 1 } }]);
  });

  it("hold a file referenced by a thousand entries once", () => {
    const bodies = Array.from({ length: 1000 }, (_, i) => body(`![[map.png]] ![m](../../map.png) ${i}\n`, true, `2026/11/2026-11-${String((i % 28) + 1).padStart(2, "0")}-${i}.md`));
    // Once, with the first place that shows it.
    expect(publishedFiles(FILES, bodies)).toEqual([{ relPath: "map.png", file: "journal/2026/11/2026-11-01-0.md", at: { line: 1, column: 1 } }]);
  });
});

describe("the files to publish, with the memo a watch keeps", () => {
  /** A day summary as far as the files to publish read it: its bodies. */
  const day = (relPath: string, markdown: string, isPrivate = false): DaySummary =>
    ({ bodies: [{ references: readBody(markdown).references, file: `journal/${relPath}`, relPath, private: isPrivate }] }) as unknown as DaySummary;
  const list = (memo: FilesMemo | undefined, days: readonly DaySummary[]): FileToPublish[] => memoFilesToPublish(memo, FILES, "full", days, [], (isPrivate) => !isPrivate);
  const OTHER = "2026/10/2026-10-01.md";

  it("equal a fresh list after each edit, and are last time's list itself while no edit changes a reference", () => {
    const memo = createFilesMemo();
    const days = [day(ENTRY, "![a](photos/run.jpg)\n"), day(OTHER, "![b](run.jpg) a walk\n")];
    const first = list(memo, days);
    expect(first).toEqual(list(undefined, days));
    expect(first.map((f) => f.relPath)).toEqual(["2026/10/run.jpg", "2026/11/photos/run.jpg"]);
    // The day parsed again with other words and the same references: the same list object (the shell then looks at no file).
    const reworded = [days[0]!, day(OTHER, "![b](run.jpg) a long walk\n")];
    expect(list(memo, reworded)).toBe(first);
    // A reference added, then the day made private: each a new list, equal to a fresh one.
    for (const edited of [[days[0]!, day(OTHER, "![b](run.jpg) ![c](../../map.png)\n")], [days[0]!, day(OTHER, "![b](run.jpg) ![c](../../map.png)\n", true)], [days[0]!]]) {
      const made = list(memo, edited);
      expect(made).not.toBe(first);
      expect(made).toEqual(list(undefined, edited));
    }
  });
});

describe("listing the journal's other files", () => {
  const made: string[] = [];
  afterAll(async () => {
    await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it("lists photos and PDFs beside entries, and refuses files whose real path is outside the journal", async () => {
    const dir = await realpath(await mkdtemp(path.join(os.tmpdir(), "smallwins-files-")));
    made.push(dir);
    const journal = path.join(dir, "journal");
    const secrets = path.join(dir, "home", ".ssh");
    await mkdir(path.join(journal, "2026", "11", "photos"), { recursive: true });
    await mkdir(path.join(journal, "_drafts"), { recursive: true });
    await mkdir(secrets, { recursive: true });
    await writeFile(path.join(secrets, "id_ed25519"), "PRIVATE KEY\n");
    await writeFile(path.join(journal, "2026", "11", "2026-11-21.md"), "---\nwins: [x]\n---\n");
    await writeFile(path.join(journal, "2026", "11", "photos", "run.jpg"), "jpeg");
    await writeFile(path.join(journal, "2026", "11", "my run #1.jpg"), "jpeg");
    await writeFile(path.join(journal, "_drafts", "draft.jpg"), "jpeg");
    await symlink(path.join(secrets, "id_ed25519"), path.join(journal, "2026", "11", "photos", "key.jpg"));
    await symlink(secrets, path.join(journal, "ssh"));
    await symlink(path.join(journal, "2026", "11", "photos", "run.jpg"), path.join(journal, "same-run.jpg"));

    const listed = listJournalFiles(journal);
    expect(listed.files.map((f) => f.relPath)).toEqual(["2026/11/my run #1.jpg", "2026/11/photos/run.jpg"]);
    expect(listed.outside).toEqual(["2026/11/photos/key.jpg", "ssh/id_ed25519"]);
  });
});
