/**
 * Chart geometry for inline SVG, computed at build time. These functions only
 * compute numbers and labels; the templates draw them with Eta's escaping on,
 * so no chart ever outputs unescaped text.
 */
import { addDays, dateParts, daysBetween, isoWeekday, monthName, type IsoDate } from "../model/calendar.js";

const CELL = 11;
const STEP = 13;
const LEFT = 30;
const TOP = 16;

/** One day of a calendar heat map. */
export interface HeatCell {
  readonly x: number;
  readonly y: number;
  readonly level: number;
  readonly date: IsoDate;
  readonly wins: number;
  /** A rest day (§6) with nothing on it: drawn striped, not as a missed day. */
  readonly rest: boolean;
  readonly label: string;
}

/** A calendar heat map: one column per week, one row per weekday. */
export interface HeatMap {
  readonly width: number;
  readonly height: number;
  readonly cell: number;
  readonly cells: readonly HeatCell[];
  readonly months: readonly { readonly x: number; readonly text: string }[];
  readonly weekdays: readonly { readonly y: number; readonly text: string }[];
  /** Whether any day is a rest day: then the stripes are defined and shown in the legend. */
  readonly hasRest: boolean;
  /** The text alternative. */
  readonly description: string;
}

/** The shade (0-4) of a day with `wins` wins: 0, 1, 2, 3-4, 5 or more. */
export function heatLevel(wins: number): number {
  return wins <= 0 ? 0 : wins === 1 ? 1 : wins === 2 ? 2 : wins <= 4 ? 3 : 4;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * Lays out the days from `from` to `to` (both included) as a heat map, weeks
 * starting on Monday or Sunday (drawing only; weeks are ISO weeks everywhere else).
 * A rest day (§6) with nothing on it is drawn apart, with its notes in its
 * title: "2026-12-20: rest (Holidays)".
 */
export function heatMap(
  from: IsoDate,
  to: IsoDate,
  winsByDate: ReadonlyMap<IsoDate, number>,
  weekStart: "monday" | "sunday",
  what: string,
  /** How a day's count reads, and whether totals are wins (habit calendars count days done). */
  kind: "wins" | "done" = "wins",
  /** The rest days among them, with the notes that may be published. */
  rest: ReadonlyMap<IsoDate, readonly string[]> = new Map(),
): HeatMap {
  const count = (n: number): string => (kind === "done" ? (n > 0 ? "done" : "not done") : n === 0 ? "no wins" : plural(n, "win"));
  const startOffset = weekStart === "monday" ? isoWeekday(from) - 1 : isoWeekday(from) % 7;
  const gridStart = addDays(from, -startOffset);
  const cells: HeatCell[] = [];
  const months: { x: number; text: string }[] = [];
  let total = 0;
  let days = 0;
  let restDays = 0;
  const length = daysBetween(from, to) + 1;
  for (let i = 0; i < length; i++) {
    const date = addDays(from, i);
    const index = daysBetween(gridStart, date);
    const column = Math.floor(index / 7);
    const row = index % 7;
    const wins = winsByDate.get(date) ?? 0;
    total += wins;
    if (wins > 0) days++;
    const { day, month } = dateParts(date);
    const notes = wins > 0 ? undefined : rest.get(date);
    if (notes) restDays++;
    if (day === 1 || i === 0) {
      const x = LEFT + column * STEP;
      // Skip a label that would collide with the previous one.
      if (!months.length || x - months[months.length - 1]!.x >= STEP * 3) months.push({ x, text: monthName(month).slice(0, 3) });
    }
    const state = notes ? `rest${notes.length ? ` (${notes.join("; ")})` : ""}` : count(wins);
    cells.push({ x: LEFT + column * STEP, y: TOP + row * STEP, level: heatLevel(wins), date, wins, rest: notes !== undefined, label: `${date}: ${state}` });
  }
  const columns = Math.floor((daysBetween(gridStart, to)) / 7) + 1;
  const names = weekStart === "monday" ? ["Mon", "", "Wed", "", "Fri", "", ""] : ["", "Mon", "", "Wed", "", "Fri", ""];
  return {
    width: LEFT + columns * STEP,
    height: TOP + 7 * STEP,
    cell: CELL,
    cells,
    months,
    weekdays: names.flatMap((text, row) => (text ? [{ y: TOP + row * STEP + CELL - 1, text }] : [])),
    hasRest: restDays > 0,
    description: `${what}: ${kind === "wins" ? `${count(total)} on ` : "done on "}${plural(days, "day")} from ${from} to ${to}${restDays ? `, and ${plural(restDays, "rest day")}` : ""}.`,
  };
}

/** One value of a line chart, on the day it belongs to. */
export interface LinePoint {
  readonly date: IsoDate;
  readonly value: number;
  /** The point's own words (a tooltip): "2026-11-20: mood 4". */
  readonly label: string;
}

/** A line chart's value scale: its bounds, the values given a labelled grid line, and how a value is written. */
export interface LineScale {
  readonly min: number;
  readonly max: number;
  readonly ticks: readonly number[];
  /** A value in words and on the axis: "4.5", "81%". */
  readonly format: (value: number) => string;
}

/**
 * A line chart's geometry. The plot is drawn in a viewBox `width` × `height`
 * stretched across the chart's width, whose vertical units are CSS pixels; so
 * everything that must not stretch (axis text, the last point's dot) is placed
 * by the template in the outer SVG, across in percent and down in pixels.
 */
export interface LineChart {
  /** The plot's viewBox width (it is stretched to the chart's width). */
  readonly width: number;
  /** The plot's height, in viewBox units and CSS pixels alike. */
  readonly height: number;
  /** The whole chart's height in CSS pixels: the plot and the date axis under it. */
  readonly frameHeight: number;
  /** The width the value axis needs on the left, in em. */
  readonly gutter: number;
  readonly path: string;
  readonly area: string;
  /** The grid lines, one path, in the plot's units. */
  readonly grid: string;
  /** The date ticks' marks, one path, in the plot's units. */
  readonly tickMarks: string;
  readonly points: readonly { readonly x: number; readonly y: number; readonly label: string }[];
  /** The newest point: across in percent of the plot, down in pixels. */
  readonly last: { readonly x: number; readonly y: number; readonly label: string } | null;
  /** The value axis: a label per grid line, `y` in pixels. */
  readonly valueTicks: readonly { readonly y: number; readonly text: string }[];
  /** The date axis: `x` in percent of the plot, and which end of the label sits there. */
  readonly dateTicks: readonly { readonly x: number; readonly anchor: "start" | "middle" | "end"; readonly text: string }[];
  /** The date labels' baseline, in pixels from the top. */
  readonly dateY: number;
  /** The text alternative: the range, the first and last value with their dates, the lowest and the highest. */
  readonly description: string;
}

const PLOT_WIDTH = 1000;
const PLOT_PAD = 8;
const DATE_AXIS = 22;

/**
 * A line through values on their dates (a mood trend from 1 to 5, a habit's
 * strength from 0 to 1): placed across by date, so a gap in the journal is a
 * gap in the line's spacing, with a date axis (both ends and a few dates
 * between) and a value axis (`scale.ticks`). `what` starts the text
 * alternative ("Mood over the last 30 entries, on a scale of 1 to 5").
 */
export function lineChart(points: readonly LinePoint[], scale: LineScale, what: string, height: number): LineChart {
  const first = points[0];
  const last = points[points.length - 1];
  const span = first && last ? daysBetween(first.date, last.date) : 0;
  const across = (date: IsoDate): number => (first === undefined || span === 0 ? 0.5 : daysBetween(first.date, date) / span);
  const bottom = height - PLOT_PAD;
  const down = (v: number): number => round(PLOT_PAD + (1 - (v - scale.min) / (scale.max - scale.min || 1)) * (bottom - PLOT_PAD));
  const plotted = points.map((p) => ({ x: round(across(p.date) * PLOT_WIDTH), y: down(p.value), label: p.label }));
  const path = plotted.map((p, i) => `${i === 0 ? "M" : "L"}${p.x} ${p.y}`).join(" ");
  const firstPlotted = plotted[0];
  const lastPlotted = plotted[plotted.length - 1];
  const base = down(scale.min);
  const area = firstPlotted && lastPlotted ? `${path} L${lastPlotted.x} ${base} L${firstPlotted.x} ${base} Z` : "";
  const withYear = first !== undefined && last !== undefined && dateParts(first.date).year !== dateParts(last.date).year;
  const dates = first && last ? dateTicks(first.date, last.date, withYear) : [];
  const valueTicks = scale.ticks.map((v) => ({ y: down(v), text: scale.format(v) }));
  const widest = Math.max(1, ...valueTicks.map((t) => t.text.length));
  return {
    width: PLOT_WIDTH,
    height,
    frameHeight: height + DATE_AXIS,
    // In the page's em: a character of the axis' smaller text is at most about 0.55 em wide; then a gap.
    gutter: round(widest * 0.55 + 0.6),
    path,
    area,
    grid: valueTicks.map((t) => `M0 ${t.y}H${PLOT_WIDTH}`).join(""),
    tickMarks: dates.map((d) => `M${round(d.at * PLOT_WIDTH)} ${base}v5`).join(""),
    points: plotted,
    last: lastPlotted ? { x: round(lastPlotted.x / (PLOT_WIDTH / 100)), y: lastPlotted.y, label: lastPlotted.label } : null,
    valueTicks,
    dateTicks: dates.map((d) => ({ x: round(d.at * 100), anchor: d.anchor, text: d.text })),
    dateY: height + DATE_AXIS - 5,
    description: describeLine(points, scale, what, withYear),
  };
}

/** "22 Oct", or "22 Oct 2025" when the chart spans two years. */
function dayMonth(date: IsoDate, withYear: boolean): string {
  const { year, month, day } = dateParts(date);
  return `${day} ${monthName(month).slice(0, 3)}${withYear ? ` ${year}` : ""}`;
}

/**
 * The dates written under a line from `from` to `to`: both ends, and between
 * them evenly spaced Mondays (up to two months) or first days of months: every
 * one, every other one, or fewer, as many as fit without touching on the
 * narrowest plot (the chart is drawn once for every screen, so what fits at
 * 210 px fits everywhere).
 */
function dateTicks(from: IsoDate, to: IsoDate, withYear: boolean): { at: number; anchor: "start" | "middle" | "end"; text: string }[] {
  const span = daysBetween(from, to);
  if (span === 0) return [{ at: 0.5, anchor: "middle", text: dayMonth(from, withYear) }];
  const start = { at: 0, anchor: "start" as const, text: dayMonth(from, withYear) };
  const end = { at: 1, anchor: "end" as const, text: dayMonth(to, withYear) };
  const byMonth = span > 62;
  const candidates: { at: number; anchor: "middle"; text: string }[] = [];
  for (let i = 1; i < span; i++) {
    const date = addDays(from, i);
    const { year, month, day } = dateParts(date);
    if (byMonth ? day !== 1 : isoWeekday(date) !== 1) continue;
    const text = byMonth ? `${monthName(month).slice(0, 3)}${withYear && month === 1 ? ` ${year}` : ""}` : dayMonth(date, false);
    candidates.push({ at: i / span, anchor: "middle", text });
  }
  // The fewest skipped, then the most even: the offset whose widest gap between labels is smallest.
  for (let step = 1; step <= candidates.length; step++) {
    let best: typeof candidates | undefined;
    let bestGap = Infinity;
    for (let offset = 0; offset < step; offset++) {
      const chosen = candidates.filter((_, i) => i >= offset && (i - offset) % step === 0);
      const ats = [0, ...chosen.map((c) => c.at), 1];
      const gap = Math.max(...ats.slice(1).map((at, i) => at - ats[i]!));
      if (fitsSideBySide([start, ...chosen, end]) && gap < bestGap) [best, bestGap] = [chosen, gap];
    }
    if (best) return [start, ...best, end];
  }
  return [start, end];
}

/**
 * The narrowest a line chart's plot is drawn, and its date labels there (measured in Chromium: the
 * dashboard's card is 214 px wide on a 320 px phone and 237 px where three columns first fit; a
 * character of the labels is at most 7.1 px).
 */
const NARROWEST_PLOT_PX = 210;
const LABEL_CHAR_PX = 7.5;
const LABEL_GAP_PX = 12;

/** Whether date labels, in order, leave a gap between each other on the narrowest plot. */
function fitsSideBySide(ticks: readonly { at: number; anchor: "start" | "middle" | "end"; text: string }[]): boolean {
  let right = -Infinity;
  for (const t of ticks) {
    const width = t.text.length * LABEL_CHAR_PX;
    const x = t.at * NARROWEST_PLOT_PX;
    const left = t.anchor === "start" ? x : t.anchor === "end" ? x - width : x - width / 2;
    if (left < right + LABEL_GAP_PX) return false;
    right = left + width;
  }
  return true;
}

/** The text alternative of a line chart: where it starts and ends, and its lowest and highest point with their dates. */
function describeLine(points: readonly LinePoint[], scale: LineScale, what: string, withYear: boolean): string {
  const first = points[0];
  const last = points[points.length - 1];
  if (first === undefined || last === undefined) return `${what}: no values yet.`;
  const f = scale.format;
  const on = (p: LinePoint): string => `${f(p.value)} on ${dayMonth(p.date, withYear)}`;
  if (points.length === 1) return `${what}: ${on(first)}.`;
  const values = points.map((p) => p.value);
  const low = Math.min(...values);
  const high = Math.max(...values);
  if (low === high) return `${what}: ${f(low)} throughout, from ${dayMonth(first.date, withYear)} to ${dayMonth(last.date, withYear)}.`;
  // The latest of equal extremes (the dip a reader looks for is the recent one); none that the ends already said.
  const extreme = (word: string, value: number): string[] => {
    const at = points.filter((p) => p.value === value);
    const latest = at[at.length - 1]!;
    if (at.length > 1) return [`${word} ${f(value)} (${at.length} times, the last on ${dayMonth(latest.date, withYear)})`];
    return latest === first || latest === last ? [] : [`${word} ${on(latest)}`];
  };
  const extremes = [...extreme("lowest", low), ...extreme("highest", high)];
  return `${what}: from ${on(first)} to ${on(last)}${extremes.length ? `; ${extremes.join(", ")}` : ""}.`;
}

/** A bar chart's geometry. */
export interface BarChart {
  readonly width: number;
  readonly height: number;
  readonly bars: readonly { readonly x: number; readonly y: number; readonly w: number; readonly h: number; readonly label: string; readonly level: number }[];
  readonly description: string;
}

/** Bars for values (wins per week, per month); `level` tints a bar (e.g. the highest level reached that week). */
export function barChart(values: readonly { readonly value: number; readonly label: string; readonly level?: number }[], width: number, height: number, description: string): BarChart {
  const max = Math.max(1, ...values.map((v) => v.value));
  const slot = values.length ? width / values.length : width;
  const w = Math.max(1, slot * 0.8);
  return {
    width,
    height,
    bars: values.map((v, i) => {
      const h = (v.value / max) * (height - 2);
      return { x: round(i * slot + (slot - w) / 2), y: round(height - h), w: round(w), h: round(h), label: v.label, level: v.level ?? 0 };
    }),
    description,
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
