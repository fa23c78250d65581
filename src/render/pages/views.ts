/**
 * How several pages show the same things: a win, a level-up, a milestone, a
 * week, an area and a habit. Privacy is applied here: text that may not be
 * published is null, so no template can show it.
 */
import { mentionsOf } from "../../aggregate/links.js";
import { compareDates, type IsoDate } from "../../model/calendar.js";
import type { AreaSummary, DayWin, HabitSummary, LevelUp, Milestone, WeekSummary } from "../../model/site.js";
import { bodyHtml } from "../body.js";
import { mayPublish, published, publishedReflection } from "../privacy.js";
import type { AreaInfo, PageContext } from "./page.js";
import { longDate, shortDate } from "./words.js";

/** A win as a page shows it: the text is null when it may not be published. */
export interface WinView {
  readonly text: string | null;
  readonly area: AreaInfo | null;
  readonly level: number;
  readonly habit: { slug: string; label: string; page: boolean } | null;
  readonly task: boolean;
}

/** A win as a page shows it. */
export function winView(ctx: PageContext, w: DayWin): WinView {
  return {
    text: published(ctx.config.publish, "win", w),
    area: w.area ? ctx.areaInfo(w.area) : null,
    level: w.level,
    habit: w.habit ? { slug: w.habit, label: ctx.habitLabel(w.habit), page: ctx.habitPage(w.habit) } : null,
    task: w.source === "task",
  };
}

/** A level-up as a page shows it. */
export function levelUpView(ctx: PageContext, l: LevelUp): Record<string, unknown> {
  return { date: l.date, area: ctx.areaInfo(l.area), level: l.level, previousLevel: l.previousLevel, text: published(ctx.config.publish, "win", l.win) };
}

/** A milestone as a page shows it, with its label. */
export function milestoneView(m: Milestone): Record<string, unknown> {
  return { kind: m.kind, value: m.value, date: m.date, label: m.kind === "streak" ? `${m.value}-day streak` : `${m.value} wins` };
}

/**
 * A week's win days out of its days that are not rest days (§6), with its
 * rest days: "5 of 6, 1 rest", or "5 of 7" without rest. `unit` names the days.
 */
export function winDaysOutOf(w: WeekSummary, unit = ""): string {
  const rest = w.restDates.length;
  return `${w.winDays} of ${7 - rest}${unit}${rest ? `, ${rest} rest` : ""}`;
}

/** The pages that link to the page at `path` and may say so: a link from hidden text is itself hidden. */
export function mentionViews(ctx: PageContext, path: string): { readonly path: string; readonly label: string }[] {
  const mode = ctx.config.publish;
  return mentionsOf(ctx.model.links, path).flatMap((m) => (mayPublish(mode, "note", m.private) ? [{ path: m.path, label: m.path.startsWith("weeks/") ? `Week ${m.label}` : longDate(m.label as IsoDate) }] : []));
}

/** A week's summary as its page and the dashboard show it; `root` is the way from the page to the site's root. */
export function weekView(ctx: PageContext, w: WeekSummary, root: string): Record<string, unknown> {
  const mode = ctx.config.publish;
  const r = w.reflection;
  const restDates = new Set(w.restDates);
  const shown = publishedReflection(mode, w);
  return {
    week: w.week,
    hasPage: ctx.weekPage(w.week),
    first: w.dates[0],
    last: w.dates[6],
    range: `${shortDate(w.dates[0]!)} – ${shortDate(w.dates[6]!)}`,
    wins: w.wins,
    winDays: w.winDays,
    restDays: w.restDates.length,
    winDaysOf: winDaysOutOf(w),
    daysOf: winDaysOutOf(w, " days"),
    entryDays: w.entryDays,
    areaWins: Object.entries(w.areaWins)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([slug, wins]) => ({ ...ctx.areaInfo(slug), wins })),
    averageMood: w.averageMood === undefined ? null : Math.round(w.averageMood * 10) / 10,
    bestDay: w.bestDay ? { date: w.bestDay.date, wins: w.bestDay.wins, label: shortDate(w.bestDay.date) } : null,
    levelUps: w.levelUps.map((l) => levelUpView(ctx, l)),
    milestones: w.milestones.map(milestoneView),
    comebacks: w.comebacks,
    previous: w.previous,
    change: w.change,
    tasksDone: w.tasksDone,
    tasksTotal: w.tasksTotal,
    completion: w.tasksTotal ? Math.round((100 * w.tasksDone) / w.tasksTotal) : null,
    rating: r?.rating ?? null,
    focus: r?.focus ? ctx.areaInfo(r.focus) : null,
    reflection: shown ? bodyHtml(shown, ctx.model.links, { root }) : null,
    reflectionHidden: r !== undefined && !shown,
    // The model asks for prompts when there is no reflection or it has no text (only a rating).
    prompts: w.prompts,
    days: w.dates.map((date) => {
      const day = ctx.dayOn(date);
      // Today and later days are not over yet: not "missed".
      const ahead = compareDates(date, ctx.model.today) >= 0;
      const isWinDay = day?.isWinDay ?? false;
      const rest = restDates.has(date);
      return { date, label: shortDate(date), wins: day && !day.future ? day.wins.length : 0, hasPage: day !== undefined, isWinDay, rest, state: isWinDay ? "won" : rest ? "rest" : ahead ? "ahead" : "missed", ahead };
    }),
  };
}

/** An area as the list of areas and the dashboard show it. */
export function areaView(ctx: PageContext, a: AreaSummary): Record<string, unknown> {
  return { ...ctx.areaInfo(a.slug), wins: a.wins, winDays: a.winDays, highestLevel: a.highestLevel, first: a.first ?? null, last: a.last ?? null, levelUps: a.levelUps.length };
}

function targetLabel(h: HabitSummary): string {
  return h.target.kind === "daily" ? "every day" : `${h.target.perWeek} days a week`;
}

/** A habit as its page, the list of habits and the dashboard show it. */
export function habitView(h: HabitSummary): Record<string, unknown> {
  const weekly = h.target.kind === "weekly";
  return {
    slug: h.slug,
    label: h.label,
    cue: h.cue ?? null,
    target: targetLabel(h),
    weekly,
    total: h.total,
    current: weekly ? h.currentWeeks.weeks : h.currentStreak.days,
    longest: weekly ? h.longestWeeks.weeks : h.longestStreak.days,
    unit: weekly ? "week" : "day",
    score: Math.round(h.score * 100),
  };
}
