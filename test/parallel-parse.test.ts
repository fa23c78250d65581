/**
 * Parsing on every core: the main thread and the workers claim chunks from one
 * shared counter. Every file is parsed exactly once, results land in input
 * order, and progress counts up to the total.
 */
import { describe, expect, it } from "vitest";
import { parseAll, parseThreads, startParseWorkers } from "../src/io/parallel-parse.js";
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
    // On two workers, whatever the size at which they would start.
    const sources = days(1_000);
    const progress: number[] = [];
    const results = await parseAll(sources, (done) => progress.push(done), startParseWorkers(sources.length, 2));
    expect(results).toEqual(sources.map((s) => parseJournalFile(s)));
    expect(progress.at(-1)).toBe(sources.length);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!).toBeGreaterThan(progress[i - 1]!);
  }, 60_000);

  it("uses workers started ahead (as a cold build starts them before reading), with the same results", async () => {
    const sources = days(600);
    const workers = startParseWorkers(sources.length, 2);
    expect(workers).toHaveLength(2);
    expect(await parseAll(sources, undefined, workers)).toEqual(sources.map((s) => parseJournalFile(s)));
    expect(startParseWorkers(10)).toEqual([]);
  }, 60_000);

  it("fails, rather than waits, when a worker started ahead stopped before the parse", async () => {
    const workers = startParseWorkers(600, 2);
    await workers[0]!.terminate();
    await expect(parseAll(days(600), undefined, workers)).rejects.toThrow(/stopped before it was done/);
  }, 60_000);

  it("chooses the thread count by journal size and cores: the main thread alone until two workers pay off, then a worker per 3,000 files, one per core at most", () => {
    // Measured (docs/performance.md), wall time: at 3,650 varied entries the main thread alone
    // took 4.5 s, one worker 6.3 s, two 8.0 s; at 10,000, 13.3 s, 13.7 s and 11.0 s.
    for (const cores of [1, 2, 4, 8]) {
      for (const files of [0, 365, 1_000, 3_650, 5_999]) expect(parseThreads(files, cores)).toBe(0);
    }
    // One worker is never chosen: it was slower than the main thread alone.
    expect(parseThreads(10_000, 1)).toBe(0);
    expect(parseThreads(6_000, 2)).toBe(2);
    expect(parseThreads(10_000, 2)).toBe(2);
    expect(parseThreads(10_000, 4)).toBe(3);
    expect(parseThreads(40_000, 4)).toBe(4);
    expect(parseThreads(40_000, 16)).toBe(4);
  });

  it("parses a small journal on the main thread alone, with the same results", async () => {
    const sources = days(10);
    expect(await parseAll(sources)).toEqual(sources.map((s) => parseJournalFile(s)));
  });
});
