import type { ProjectOptions } from "../config/load.js";
import { isoWeekday, weekdayName } from "../model/calendar.js";
import type { SiteModel, Stretch } from "../model/site.js";
import { winDaysOutOf } from "../render/pages/views.js";
import { againstLastWeek } from "../render/pages/words.js";
import { loadJournal } from "./analyze.js";
import { EXIT, reportDiagnostics, type Output } from "./output.js";

/** The JSON that `stats --json` prints: exactly the fields of §5, and §6's `restDays`. */
export interface StatsJson {
  readonly today: string;
  readonly currentStreak: number;
  readonly longestStreak: Stretch;
  readonly neverMissTwice: Stretch;
  readonly totalWins: number;
  readonly winDays: number;
  /** §6: rest days without a win, from the journal's first entry to today. */
  readonly restDays: number;
  readonly comebacks: number;
  readonly weeks: readonly { readonly week: string; readonly wins: number; readonly winDays: number }[];
}

const stretch = (s: Stretch): Stretch => ({ days: s.days, from: s.from, to: s.to });

/** The `stats --json` object of a site model. */
export function statsJson(model: SiteModel): StatsJson {
  const s = model.summary;
  return {
    today: model.today,
    currentStreak: s.currentStreak.days,
    // Copied field by field so the JSON stays exactly §5 whatever else a stretch carries.
    longestStreak: stretch(s.longestStreak),
    neverMissTwice: stretch(s.neverMissTwice),
    totalWins: s.totalWins,
    winDays: s.winDays,
    restDays: s.restDays,
    comebacks: s.comebacks,
    weeks: model.weeks.map((w) => ({ week: w.week, wins: w.wins, winDays: w.winDays })),
  };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
const span = (s: Stretch): string => (s.from && s.to ? (s.from === s.to ? ` (${s.from})` : ` (${s.from} to ${s.to})`) : "");

/** `smallwins stats [--json]`: streaks, totals and this week. Diagnostics go to stderr so the JSON stays clean. */
export async function statsCommand(options: ProjectOptions & { json?: boolean }, output: Output): Promise<number> {
  const { analysis, diagnostics } = await loadJournal(options);
  reportDiagnostics(output, diagnostics);
  const model = analysis.model;
  if (options.json) {
    output.out(JSON.stringify(statsJson(model), null, 2));
  } else {
    const c = output.colors;
    const s = model.summary;
    const week = model.thisWeek;
    const lines = [
      c.bold(`${model.config.title} — ${weekdayName(isoWeekday(model.today))} ${model.today}`),
      "",
      `  Current streak   ${c.bold(plural(s.currentStreak.days, "day"))}${s.currentStreak.days > 0 ? span(s.currentStreak) : ""}`,
      `  Longest streak   ${plural(s.longestStreak.days, "day")}${span(s.longestStreak)}`,
      `  Never miss twice ${plural(s.neverMissTwice.days, "day")}${span(s.neverMissTwice)}`,
      `  Total wins       ${s.totalWins} on ${plural(s.winDays, "win day")}`,
      ...(s.restDays ? [`  Rest days        ${s.restDays} (planned rest keeps the streak)`] : []),
      `  Comebacks        ${s.comebacks}${s.longestGapBridged ? ` (longest gap bridged: ${plural(s.longestGapBridged, "day")})` : ""}`,
      `  This week        ${plural(week.wins, "win")} on ${winDaysOutOf(week, " days")}, ${againstLastWeek(week.change.wins, week.previous.wins).text}`,
    ];
    if (s.nextStreakMilestone) lines.push(`  Next milestone   a ${s.nextStreakMilestone}-day streak: ${plural(s.nextStreakMilestone - s.currentStreak.days, "day")} to go`);
    if (s.currentStreak.days === 0 && s.winDays > 0) lines.push("", c.cyan("  A missed day is normal. One small win today is a comeback."));
    for (const line of lines) output.out(line);
  }
  return diagnostics.some((d) => d.severity === "error") ? EXIT.journalErrors : EXIT.ok;
}
