/**
 * The data of the dashboard, `index.html` (templates/index.eta; this module is
 * named for its template, not an index of this folder): streaks, totals, this
 * week, a 53-week heat map, recent wins, areas, habits, next milestones, the
 * mood trend and on this day.
 */
import { addDays, dateParts, isoWeekday } from "../../model/calendar.js";
import type { SiteModel } from "../../model/site.js";
import { heatMap, lineChart } from "../charts.js";
import { published } from "../privacy.js";
import { base, restBetween, winsBetween, type Page, type PageContext } from "./page.js";
import { areaView, habitView, weekView, winView } from "./views.js";
import { againstLastWeek, longDate, plural, round1, shortDate } from "./words.js";
import { lastOf } from "../../model/lists.js";

/** Mood from 1 to 5, a grid line at each; several files on one day average their moods, and 3.3333333333333335 must not reach the page. */
const MOOD_SCALE = { min: 1, max: 5, ticks: [1, 2, 3, 4, 5], format: (v: number) => String(round1(v)) } as const;

/** The warm word under the streak: a comeback today, a missed day, or nothing. */
function encouragement(model: SiteModel): string | null {
  const s = model.summary;
  const lastWinDay = findLast(model.days, (d) => d.isWinDay);
  if (lastWinDay?.comebackAfter !== undefined && s.currentStreak.to === lastWinDay.date && s.currentStreak.days <= 2) {
    return `Welcome back! You returned after ${plural(lastWinDay.comebackAfter, "missed day")}. Coming back is the win that matters most.`;
  }
  if (s.currentStreak.days === 0 && s.winDays > 0) return "A missed day is normal. One small win today starts a comeback.";
  if (s.winDays === 0) return "Write your first small win: a tiny one counts.";
  return null;
}

/** The dashboard. */
export function dashboardPage(ctx: PageContext): Page {
  const model = ctx.model;
  const s = model.summary;
  const today = model.today;
  const path = "index.html";
  const heatStart = addDays(today, -7 * 52 - ((isoWeekday(today) - (ctx.config.weekStart === "monday" ? 1 : 0) + 7) % 7));
  // The last days are read from the end: a dashboard shows weeks, and a journal has years.
  const moodDays = lastOf(model.days, 30, (d) => !d.future && d.mood !== undefined);
  const recent = lastOf(model.days, 14, (d) => !d.future)
    .reverse()
    .flatMap((d) => d.wins.map((w) => ({ date: d.date, label: shortDate(d.date), ...winView(ctx, w) })))
    .filter((w) => w.text !== null)
    .slice(0, 8);
  return {
    path,
    template: "index",
    data: {
      ...base(ctx, path, ctx.config.title, "home"),
      today,
      todayLong: longDate(today),
      current: s.currentStreak,
      longest: s.longestStreak,
      neverMissTwice: s.neverMissTwice,
      totalWins: s.totalWins,
      winDays: s.winDays,
      comebacks: s.comebacks,
      longestGap: s.longestGapBridged,
      encouragement: encouragement(model),
      heatmap: heatMap(heatStart, today, winsBetween(model.days, heatStart, today), ctx.config.weekStart, "Wins in the last 53 weeks", "wins", restBetween(ctx, heatStart, today)),
      thisWeek: weekView(ctx, model.thisWeek, ""),
      // The week's own numbers come first in the card; this follows them.
      weekChange: capitalised(againstLastWeek(model.thisWeek.change.wins, model.thisWeek.previous.wins)),
      recent,
      areas: model.areas.map((a) => areaView(ctx, a)),
      nextStreak: s.nextStreakMilestone ? { value: s.nextStreakMilestone, toGo: s.nextStreakMilestone - s.currentStreak.days } : null,
      nextTotal: s.nextTotalMilestone ? { value: s.nextTotalMilestone, toGo: s.nextTotalMilestone - s.totalWins } : null,
      mood: moodDays.length >= 2
        ? lineChart(
            moodDays.map((d) => ({ date: d.date, value: d.mood!, label: `${d.date}: mood ${round1(d.mood!)}` })),
            MOOD_SCALE,
            `Mood over the last ${plural(moodDays.length, "entry", "entries")}, on a scale of 1 to 5`,
            104,
          )
        : null,
      onThisDay: model.onThisDay.map((date) => {
        const day = ctx.dayOn(date)!;
        return { date, yearsAgo: dateParts(today).year - dateParts(date).year, wins: day.wins.length, first: day.wins.map((w) => published(ctx.config.publish, "win", w)).find((t) => t !== null) ?? null };
      }),
      habits: model.habits.map(habitView),
      latestWeek: model.weeks.length ? model.weeks[model.weeks.length - 1]!.week : null,
      years: model.years.map((y) => y.year),
    },
  };
}

/** The words with a capital first letter, to start the line they are on. */
function capitalised<T extends { readonly text: string }>(words: T): T {
  return { ...words, text: words.text.charAt(0).toUpperCase() + words.text.slice(1) };
}

/** The last item that passes, looked for from the end. */
function findLast<T>(items: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return items[i];
  return undefined;
}

