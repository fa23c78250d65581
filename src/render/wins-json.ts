import type { SiteModel } from "../model/site.js";
import { mayPublish, published } from "./privacy.js";

/** The version of the `wins.json` schema; raised on any incompatible change (see the README). */
export const WINS_JSON_VERSION = 1;

const round1 = (n: number | undefined): number | null => (n === undefined ? null : Math.round(n * 10) / 10);

/**
 * `wins.json`: every published fact for other tools, versioned. Protected text
 * is `null` (never left out silently), numbers always count.
 */
export function renderWinsJson(model: SiteModel): string {
  const mode = model.config.publish;
  const s = model.summary;
  const data = {
    version: WINS_JSON_VERSION,
    generator: "smallwins",
    title: model.config.title,
    author: model.config.author ?? null,
    today: model.today,
    publish: mode,
    summary: {
      currentStreak: s.currentStreak,
      longestStreak: s.longestStreak,
      neverMissTwice: s.neverMissTwice,
      totalWins: s.totalWins,
      winDays: s.winDays,
      comebacks: s.comebacks,
      longestGapBridged: s.longestGapBridged,
      tasksDone: s.tasksDone,
      tasksTotal: s.tasksTotal,
    },
    days: model.days.map((d) => ({
      date: d.date,
      week: d.week,
      future: d.future,
      isWinDay: d.isWinDay,
      streak: d.streak,
      comebackAfter: d.comebackAfter ?? null,
      mood: round1(d.mood),
      energy: round1(d.energy),
      private: d.private,
      wins: d.wins.map((w) => ({ text: published(mode, "win", w), area: w.area ?? null, level: w.level, habit: w.habit ?? null, source: w.source })),
      didWell: d.didWell.map((t) => published(mode, "note", t)),
      tags: mode === "full" && !d.private ? d.tags : [],
      tasksDone: d.tasksDone,
      tasksTotal: d.tasksTotal,
    })),
    weeks: model.weeks.map((w) => ({
      week: w.week,
      wins: w.wins,
      winDays: w.winDays,
      averageMood: round1(w.averageMood),
      areaWins: w.areaWins,
      change: w.change,
      rating: w.reflection?.rating ?? null,
      focus: w.reflection?.focus ?? null,
      reflection: w.reflection && mayPublish(mode, "note", w.reflection.private) ? w.reflection.text : null,
    })),
    areas: model.areas.map((a) => ({
      slug: a.slug,
      label: a.label,
      color: a.color ?? null,
      wins: a.wins,
      winDays: a.winDays,
      highestLevel: a.highestLevel,
      levelUps: a.levelUps.map((l) => ({ date: l.date, level: l.level, text: published(mode, "win", l.win) })),
    })),
    habits: model.habits.map((h) => ({
      slug: h.slug,
      label: h.label,
      target: h.target.kind === "daily" ? "daily" : `${h.target.perWeek}/week`,
      total: h.total,
      currentStreak: h.target.kind === "daily" ? { unit: "days", length: h.currentStreak.days } : { unit: "weeks", length: h.currentWeeks.weeks },
      longestStreak: h.target.kind === "daily" ? { unit: "days", length: h.longestStreak.days } : { unit: "weeks", length: h.longestWeeks.weeks },
      score: Math.round(h.score * 1000) / 1000,
    })),
    milestones: model.milestones,
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}
