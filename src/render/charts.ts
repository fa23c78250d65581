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

/** A line chart's geometry. */
export interface LineChart {
  readonly width: number;
  readonly height: number;
  readonly path: string;
  readonly area: string;
  readonly points: readonly { readonly x: number; readonly y: number; readonly label: string }[];
  readonly description: string;
}

/**
 * A line through values between `min` and `max` (a mood sparkline from 1 to 5,
 * a habit score from 0 to 1). Values are spaced evenly.
 */
export function lineChart(values: readonly { readonly value: number; readonly label: string }[], width: number, height: number, min: number, max: number, description: string): LineChart {
  const pad = 3;
  const n = values.length;
  const x = (i: number): number => (n <= 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (n - 1));
  const y = (v: number): number => pad + (1 - (v - min) / (max - min || 1)) * (height - 2 * pad);
  const points = values.map((v, i) => ({ x: round(x(i)), y: round(y(v.value)), label: v.label }));
  const path = points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x} ${p.y}`).join(" ");
  const first = points[0];
  const last = points[points.length - 1];
  const area = first && last ? `${path} L${last.x} ${height} L${first.x} ${height} Z` : "";
  return { width, height, path, area, points, description };
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
