/**
 * Parsing on every core: the main thread and the workers claim chunks from one
 * shared counter. Every file is parsed exactly once, results land in input
 * order, and progress counts up to the total.
 */
import { describe, expect, it } from "vitest";
import { parseAll, startParseWorkers } from "../src/io/parallel-parse.js";
import { parseJournalFile, type SourceFile } from "../src/parse/entry.js";

const encoder = new TextEncoder();

/** `count` distinct days from 2020-01-01 on, every fifth one with an error, so that order mistakes show. */
function days(count: number): SourceFile[] {
  const sources: SourceFile[] = [];
  const day = new Date(Date.UTC(2020, 0, 1));
  for (let i = 0; i < count; i++) {
    const date = day.toISOString().slice(0, 10);
    const mood = i % 5 === 0 ? "nine" : String((i % 5) + 1);
    const text = `---\nmood: ${mood}\nwins:\n  - Win number ${i}\n---\nNotes for ${date}.\n\n- [x] Task ${i}\n`;
    // Files of other lengths and bytes, so that a file given another's bytes, or a slice off by one, shows:
    // text beyond ASCII, a byte that is not UTF-8, a byte-order mark, and an empty file.
    const bytes =
      i % 7 === 3 ? encoder.encode(text.replace("Notes", "Notes — café ✓")) :
      i % 11 === 4 ? Uint8Array.from([...encoder.encode(text), 0xff]) :
      i % 13 === 5 ? Uint8Array.from([0xef, 0xbb, 0xbf, ...encoder.encode(text)]) :
      i % 17 === 6 ? new Uint8Array(0) :
      encoder.encode(text);
    sources.push({ file: `journal/${date}.md`, relPath: `${date.slice(0, 4)}/${date}.md`, bytes });
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return sources;
}

describe("parseAll", () => {
  it("gives each file's own result, in input order, and counts progress up to the total", async () => {
    // Above the size at which workers start, on a machine with more than one core.
    const sources = days(1_000);
    const progress: number[] = [];
    const results = await parseAll(sources, (done) => progress.push(done));
    expect(results).toEqual(sources.map((s) => parseJournalFile(s)));
    expect(progress.at(-1)).toBe(sources.length);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!).toBeGreaterThan(progress[i - 1]!);
  }, 60_000);

  it("uses workers started ahead (as a cold build starts them before reading), with the same results", async () => {
    const sources = days(600);
    const workers = startParseWorkers(sources.length);
    expect(workers.length).toBeGreaterThan(0);
    expect(await parseAll(sources, undefined, workers)).toEqual(sources.map((s) => parseJournalFile(s)));
    expect(startParseWorkers(10)).toEqual([]);
  }, 60_000);

  it("fails, rather than waits, when a worker started ahead stopped before the parse", async () => {
    const workers = startParseWorkers(600);
    await workers[0]!.terminate();
    await expect(parseAll(days(600), undefined, workers)).rejects.toThrow(/stopped before it was done/);
  }, 60_000);

  it("parses a small journal on the main thread alone, with the same results", async () => {
    const sources = days(10);
    expect(await parseAll(sources)).toEqual(sources.map((s) => parseJournalFile(s)));
  });
});
