/** How the site says things in words (src/render/pages/words.ts): a week's wins against the week before. */
import { describe, expect, it } from "vitest";
import { againstLastWeek } from "../src/render/pages/words.js";

describe("againstLastWeek", () => {
  it("names a rise, says the same plainly, and a drop with a kind word", () => {
    expect(againstLastWeek(3, 11)).toEqual({ trend: "up", text: "3 more than last week (11)" });
    expect(againstLastWeek(0, 14)).toEqual({ trend: "same", text: "as many as last week (14)" });
    expect(againstLastWeek(-1, 15)).toEqual({ trend: "down", text: "1 fewer than last week (15) — every win counts" });
  });
});
