import { describe, expect, it } from "vitest";
import { analyzeJournal } from "../src/pipeline.js";
import { DEFAULT_CONFIG } from "../src/config/schema.js";
import type { IsoDate } from "../src/model/calendar.js";

const enc = (text: string) => new TextEncoder().encode(text);

describe("analyzeJournal", () => {
  it("counts a good file and reports a bad one without losing it", () => {
    const result = analyzeJournal(
      [
        { file: "j/2026-11-20.md", relPath: "2026-11-20.md", bytes: enc("---\nwins: [a, b]\n---\n") },
        { file: "j/2026-11-21.md", relPath: "2026-11-21.md", bytes: enc("---\nmood: 9\nwins: [c]\n---\n") },
      ],
      DEFAULT_CONFIG,
      "2026-11-21" as IsoDate,
    );
    expect(result.model.summary.totalWins).toBe(2);
    expect(result.model.summary.currentStreak.days).toBe(1);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ file: "j/2026-11-21.md", line: 2, column: 7, severity: "error" }),
    ]);
  });
});
