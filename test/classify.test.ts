import { describe, expect, it } from "vitest";
import type { IsoDate, IsoWeek } from "../src/model/calendar.js";
import { classifyPath, isMarkdownPath, type PathKind } from "../src/parse/classify.js";

const day = (date: string): PathKind => ({ kind: "day", date: date as IsoDate });
const week = (label: string): PathKind => ({ kind: "week", week: label as IsoWeek });

// Expected kinds written from SPEC §1's table of file names.
const table: readonly (readonly [string, PathKind | PathKind["kind"]])[] = [
  // Daily entries, at any depth, with or without a slug.
  ["2026-11-21.md", day("2026-11-21")],
  ["2026/11/2026-11-21.md", day("2026-11-21")],
  ["2026/11/2026-11-21-evening.md", day("2026-11-21")],
  ["2026/11/2026-11-21-after-work-run.md", day("2026-11-21")],
  ["deep/er/still/2024-02-29.md", day("2024-02-29")],
  ["2026-11-21.MD", day("2026-11-21")],
  // Weekly reflections: ISO week-years, including a 53-week year.
  ["2026-W47.md", week("2026-W47")],
  ["2026/2026-W53.md", week("2026-W53")],
  ["2020-W53.md", week("2020-W53")],
  ["2026-W01.md", week("2026-W01")],
  ["2026-w47.md", week("2026-W47")],
  // Ignored: a name starting with _ or ., or inside such a folder.
  ["_drafts/x.md", "ignored"],
  [".hidden/x.md", "ignored"],
  ["_2026-11-21.md", "ignored"],
  [".2026-11-21.md", "ignored"],
  ["2026/_old/2026-11-21.md", "ignored"],
  ["2026/.trash/2026-W47.md", "ignored"],
  ["a/b/_c/d/notes.md", "ignored"],
  // Impossible dates and weeks are errors, not guesses.
  ["2026-02-30.md", { kind: "invalid", message: "no such day: February has 28 days in 2026", hint: "rename the file to a day that exists" }],
  ["2026-02-29-leap.md", { kind: "invalid", message: "no such day: February has 28 days in 2026", hint: "rename the file to a day that exists" }],
  ["2026-04-31.md", { kind: "invalid", message: "no such day: April has 30 days in 2026", hint: "rename the file to a day that exists" }],
  ["2026-13-01.md", { kind: "invalid", message: "no such month: 13 (months run from 01 to 12)", hint: "rename the file to a day that exists" }],
  ["2026-00-10.md", { kind: "invalid", message: "no such month: 00 (months run from 01 to 12)", hint: "rename the file to a day that exists" }],
  ["2026-11-00.md", { kind: "invalid", message: "no such day: November has 30 days in 2026", hint: "rename the file to a day that exists" }],
  ["2025-W53.md", { kind: "invalid", message: "no such week: 2025 has 52 ISO weeks", hint: "rename the file to an ISO week that exists, e.g. 2026-W47.md" }],
  ["2026-W54.md", { kind: "invalid", message: "no such week: 2026 has 53 ISO weeks", hint: "rename the file to an ISO week that exists, e.g. 2026-W47.md" }],
  ["2026-W00.md", { kind: "invalid", message: "no such week: 2026 has 53 ISO weeks", hint: "rename the file to an ISO week that exists, e.g. 2026-W47.md" }],
  // Anything else is skipped with a hint that fits the mistake.
  ["2026-11-5.md", { kind: "unknown", hint: "write the date with two-digit month and day, e.g. 2026-11-05.md" }],
  ["2026-1-5.md", { kind: "unknown", hint: "write the date with two-digit month and day, e.g. 2026-01-05.md" }],
  ["2026-1-05-evening.md", { kind: "unknown", hint: "write the date with two-digit month and day, e.g. 2026-01-05-evening.md" }],
  ["2026-11-21.draft.md", { kind: "unknown", hint: "after the date, only '-' and a slug may follow, e.g. 2026-11-21-draft.md" }],
  ["2026-11-21evening.md", { kind: "unknown", hint: "after the date, only '-' and a slug may follow, e.g. 2026-11-21-evening.md" }],
  ["2026-W5.md", { kind: "unknown", hint: "write the week with two digits, e.g. 2026-W05.md" }],
  ["notes.md", "unknown"],
  ["README.md", "unknown"],
  ["26-11-21.md", "unknown"],
  ["2026-11-210.md", "unknown"],
  ["2026_11_21.md", "unknown"],
  ["2026-11-21/notes.md", "unknown"],
];

describe("classifyPath", () => {
  it.each(table)("%s", (relPath, want) => {
    const got = classifyPath(relPath);
    if (typeof want === "string") {
      expect(got.kind).toBe(want);
      if (got.kind === "unknown") expect(got.hint.length).toBeGreaterThan(0);
    } else {
      expect(got).toEqual(want);
    }
  });

  it("gives the generic naming hint when nothing closer fits", () => {
    expect(classifyPath("notes.md")).toEqual({
      kind: "unknown",
      hint: "name daily entries YYYY-MM-DD.md (or YYYY-MM-DD-slug.md) and weekly reflections YYYY-Www.md; start the name with _ to keep a file out of the journal",
    });
  });
});

describe("isMarkdownPath", () => {
  it.each([
    ["2026-11-21.md", true],
    ["2026/11/2026-11-21.MD", true],
    ["notes.markdown", false],
    ["2026-11-21.md.bak", false],
    ["2026-11-21.txt", false],
    ["md", false],
  ] as const)("%s -> %s", (relPath, want) => {
    expect(isMarkdownPath(relPath)).toBe(want);
  });
});
