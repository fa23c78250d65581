/**
 * Corpus, privacy family: private files and each `publish` mode. Every text
 * field of the journal carries a marker (SECRET-* in private files, NOTE-* in
 * public bodies, reflections, did-well, tags and planned tasks, WINTEXT-* in
 * public win texts); a marker that may not be published must be in no output
 * file at all: no page, title, attribute, chart label, feed, wins.json or any
 * file added later. The numbers always count.
 */
import { describe, expect, it } from "vitest";
import { caseTests, corpusCases, useCorpusTempDirs } from "../helpers/corpus.js";

const cases = corpusCases("privacy");
const tempDir = useCorpusTempDirs();

describe("privacy corpus", () => {
  it("has the cases the issue asks for", () => {
    expect(cases.length).toBeGreaterThanOrEqual(3);
  });

  // Hidden text is null in wins.json, never left out silently, and never a marker.
  caseTests(cases, tempDir, (_c, builds) => {
    for (const { files } of builds) {
      const json = JSON.parse(files.get("wins.json")!) as { publish: string; days: { private: boolean; wins: { text: string | null }[]; didWell: (string | null)[] }[] };
      for (const day of json.days) {
        if (day.private || json.publish === "stats") expect(day.wins.every((w) => w.text === null), `${day.private ? "private " : ""}wins in wins.json are null`).toBe(true);
        if (day.private || json.publish !== "full") expect(day.didWell.every((t) => t === null)).toBe(true);
      }
    }
  });
});
