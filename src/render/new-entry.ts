import { Eta } from "eta";
import { REFLECTION_PROMPTS } from "../aggregate/weeks.js";
import type { Config } from "../config/schema.js";
import { dateParts, isoWeekday, monthName, weekdayName, type IsoDate } from "../model/calendar.js";
import type { WeekSummary } from "../model/site.js";

// Markdown, not HTML: nothing to escape, and the user's editor shows it as is.
const eta = new Eta({ autoEscape: false, autoTrim: false, useWith: false });

/** The text of a new daily entry, from the `new/day.md` template. */
export function renderNewDay(template: string, date: IsoDate, config: Config): string {
  return eta.renderString(template, {
    date,
    weekday: weekdayName(isoWeekday(date)),
    areas: Object.keys(config.areas),
    habits: Object.entries(config.habits).map(([slug, h]) => ({ slug, label: h.label })),
  });
}

/** The text of a new weekly reflection, prefilled with the week's numbers and prompts. */
export function renderNewWeek(template: string, week: WeekSummary, config: Config): string {
  return eta.renderString(template, {
    week: week.week,
    range: describeRange(week.dates[0]!, week.dates[6]!),
    summary: describeWeek(week, config),
    areas: Object.keys(config.areas),
    prompts: REFLECTION_PROMPTS,
  });
}

function describeRange(monday: IsoDate, sunday: IsoDate): string {
  const a = dateParts(monday);
  const b = dateParts(sunday);
  return a.month === b.month ? `${a.day}–${b.day} ${monthName(b.month)}` : `${a.day} ${monthName(a.month)} – ${b.day} ${monthName(b.month)}`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/** One paragraph of the week's numbers, in words. */
export function describeWeek(week: WeekSummary, config: Config): string {
  const parts = [`${plural(week.wins, "win")} on ${week.winDays} of 7 days`];
  const delta = week.change.wins;
  parts[0] += delta === 0 ? ", as many as last week" : delta > 0 ? `, ${delta} more than last week` : `, ${-delta} fewer than last week`;
  if (week.bestDay) parts.push(`best day: ${weekdayName(isoWeekday(week.bestDay.date))} (${plural(week.bestDay.wins, "win")})`);
  const areas = Object.entries(week.areaWins).sort((a, b) => b[1] - a[1]);
  if (areas.length) parts.push(`by area: ${areas.map(([slug, n]) => `${config.areas[slug]?.label ?? slug} ${n}`).join(", ")}`);
  if (week.averageMood !== undefined) parts.push(`average mood ${week.averageMood.toFixed(1)}`);
  if (week.levelUps.length) parts.push(`level-ups: ${week.levelUps.map((l) => `${config.areas[l.area]?.label ?? l.area} to ${l.level}`).join(", ")}`);
  if (week.milestones.length) parts.push(`milestones: ${week.milestones.map((m) => (m.kind === "streak" ? `${m.value}-day streak` : `${m.value} wins`)).join(", ")}`);
  if (week.comebacks.length) parts.push(plural(week.comebacks.length, "comeback"));
  if (week.tasksTotal) parts.push(`${week.tasksDone} of ${plural(week.tasksTotal, "task")} done`);
  return `${parts.join("; ")}.`;
}
