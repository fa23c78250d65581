/**
 * The line chart's geometry and words (src/render/charts.ts lineChart): points
 * placed by date, the date and value axes, and a text alternative that says
 * the range, the ends and the extremes with their dates.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, type IsoDate } from "../src/model/calendar.js";
import { lineChart, type LinePoint, type LineScale } from "../src/render/charts.js";

const MOOD: LineScale = { min: 1, max: 5, ticks: [1, 2, 3, 4, 5], format: (v) => String(Math.round(v * 10) / 10) };
const STRENGTH: LineScale = { min: 0, max: 1, ticks: [0, 0.5, 1], format: (v) => `${Math.round(v * 100)}%` };

const point = (date: string, value: number): LinePoint => ({ date: date as IsoDate, value, label: `${date}: ${value}` });

describe("lineChart", () => {
  it("places points by date, so a gap in the journal is a gap in the line", () => {
    const chart = lineChart([point("2026-11-01", 3), point("2026-11-02", 3), point("2026-11-11", 5)], MOOD, "Mood", 104);
    expect(chart.points.map((p) => p.x)).toEqual([0, 100, 1000]);
    // 8 px at the top and the bottom: 5 at 8, 1 at 96, 3 half way.
    expect(chart.points.map((p) => p.y)).toEqual([52, 52, 8]);
    expect(chart.path).toBe("M0 52 L100 52 L1000 8");
    // The area closes on the scale's lowest line, not below it.
    expect(chart.area).toBe("M0 52 L100 52 L1000 8 L1000 96 L0 96 Z");
    expect(chart.last).toEqual({ x: 100, y: 8, label: "2026-11-11: 5" });
  });

  it("labels each grid line of the scale, bottom to top as given, in pixels from the top", () => {
    const chart = lineChart([point("2026-11-01", 0.2), point("2026-11-20", 0.8)], STRENGTH, "Strength", 128);
    expect(chart.valueTicks).toEqual([
      { y: 120, text: "0%" },
      { y: 64, text: "50%" },
      { y: 8, text: "100%" },
    ]);
    expect(chart.grid).toBe("M0 120H1000M0 64H1000M0 8H1000");
    expect(chart.frameHeight).toBeGreaterThan(chart.height);
    expect(chart.dateY).toBeGreaterThan(chart.height);
    expect(chart.dateY).toBeLessThanOrEqual(chart.frameHeight);
    // "100%" needs a wider gutter than "5".
    expect(chart.gutter).toBeGreaterThan(lineChart([point("2026-11-01", 3)], MOOD, "Mood", 104).gutter);
  });

  it("writes both ends of the time axis, and Mondays between them in a month", () => {
    const chart = lineChart([point("2026-10-22", 3), point("2026-11-05", 2), point("2026-11-20", 4.5)], MOOD, "Mood", 104);
    // 29 days; the Mondays 26 Oct, 2, 9 and 16 Nov. On a 210 px plot "26 Oct" would touch "22 Oct" and
    // "16 Nov" "20 Nov"; so one Monday, the first of the two that leave the widest gap smallest.
    expect(chart.dateTicks).toEqual([
      { x: 0, anchor: "start", text: "22 Oct" },
      { x: 37.9, anchor: "middle", text: "2 Nov" },
      { x: 100, anchor: "end", text: "20 Nov" },
    ]);
    // The marks under the plot, at the same places.
    expect(chart.tickMarks).toBe("M0 96v5M379.3 96v5M1000 96v5");
  });

  it("writes month names between the ends of a longer span, and the year when it spans two", () => {
    const chart = lineChart([point("2026-05-25", 0.1), point("2026-11-22", 0.8)], STRENGTH, "Strength", 128);
    const texts = chart.dateTicks.map((t) => t.text);
    expect(texts[0]).toBe("25 May");
    expect(texts[texts.length - 1]).toBe("22 Nov");
    expect(texts.slice(1, -1).length).toBeGreaterThan(0);
    for (const text of texts.slice(1, -1)) expect(["Jun", "Jul", "Aug", "Sep", "Oct", "Nov"]).toContain(text);

    const years = lineChart([point("2025-10-01", 0.1), point("2026-03-01", 0.8)], STRENGTH, "Strength", 128);
    expect(years.dateTicks[0]!.text).toBe("1 Oct 2025");
    expect(years.dateTicks[years.dateTicks.length - 1]!.text).toBe("1 Mar 2026");
    expect(years.description).toBe("Strength: from 10% on 1 Oct 2025 to 80% on 1 Mar 2026.");
  });

  it("never lets two date labels touch on a 210 px plot, whatever the span", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 3000 }), (span, start) => {
        const from = addDays("2024-01-01" as IsoDate, start);
        const ticks = lineChart([point(from, 3), point(addDays(from, span), 4)], MOOD, "Mood", 104).dateTicks;
        if (span === 0) expect(ticks.map((t) => t.anchor)).toEqual(["middle"]);
        else expect([ticks[0]!.anchor, ticks[ticks.length - 1]!.anchor]).toEqual(["start", "end"]);
        let right = -Infinity;
        for (const t of ticks) {
          const { left, right: r } = extent(t);
          expect(left).toBeGreaterThanOrEqual(right + 12);
          right = r;
        }
        for (let i = 1; i < ticks.length; i++) expect(ticks[i]!.x).toBeGreaterThan(ticks[i - 1]!.x);
      }),
    );
  });

  it("says the range, both ends and the lowest and highest point with their dates", () => {
    const chart = lineChart(
      [point("2026-10-22", 3), point("2026-10-30", 4), point("2026-11-05", 2), point("2026-11-12", 5), point("2026-11-20", 4.5)],
      MOOD,
      "Mood over the last 5 entries, on a scale of 1 to 5",
      104,
    );
    expect(chart.description).toBe(
      "Mood over the last 5 entries, on a scale of 1 to 5: from 3 on 22 Oct to 4.5 on 20 Nov; lowest 2 on 5 Nov, highest 5 on 12 Nov.",
    );
  });

  it("names the latest of equal lows, and leaves out an extreme the ends already said", () => {
    const chart = lineChart([point("2026-11-01", 4), point("2026-11-03", 2), point("2026-11-08", 2), point("2026-11-10", 5)], MOOD, "Mood", 104);
    expect(chart.description).toBe("Mood: from 4 on 1 Nov to 5 on 10 Nov; lowest 2 (2 times, the last on 8 Nov).");
  });

  it("says a flat line and a single point plainly", () => {
    expect(lineChart([point("2026-11-01", 4), point("2026-11-09", 4)], MOOD, "Mood", 104).description).toBe("Mood: 4 throughout, from 1 Nov to 9 Nov.");
    const one = lineChart([point("2026-11-09", 0.5)], STRENGTH, "Strength", 128);
    expect(one.description).toBe("Strength: 50% on 9 Nov.");
    expect(one.points).toEqual([{ x: 500, y: 64, label: "2026-11-09: 0.5" }]);
    expect(one.dateTicks).toEqual([{ x: 50, anchor: "middle", text: "9 Nov" }]);
    expect(lineChart([], STRENGTH, "Strength", 128)).toMatchObject({ path: "", area: "", last: null, dateTicks: [], description: "Strength: no values yet." });
  });
});

/** A date label's left and right edge on a 210 px plot, as the chart estimates them (7.5 px a character). */
function extent(t: { x: number; anchor: string; text: string }): { left: number; right: number } {
  const width = t.text.length * 7.5;
  const x = (t.x / 100) * 210;
  const left = t.anchor === "start" ? x : t.anchor === "end" ? x - width : x - width / 2;
  return { left, right: left + width };
}

