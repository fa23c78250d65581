/**
 * The site model: every number of §3, put together from the metrics in this
 * folder (one concern each: days, walk, streaks, milestones, weeks, areas,
 * habits, years, on this day, summary, validation). It walks the days a month
 * at a time and makes the summaries the pages ask for on first use; with a
 * ModelMemo (a watch keeps one) it reuses what an earlier build made from the
 * same inputs. Without one it is the same path with nothing remembered.
 */
import type { Config } from "../config/schema.js";
import { addWeeks, isoWeekOf, toDayNumber, type IsoDate, type IsoWeek } from "../model/calendar.js";
import type { Diagnostic } from "../model/diagnostic.js";
import type { JournalFile } from "../model/entry.js";
import type { RestCalendar, RestDays } from "../model/rest.js";
import type { DaySummary, FileList, LevelUp, Milestone, SiteModel, WeekSummary } from "../model/site.js";
import { summarizeAreas } from "./areas.js";
import { restOfDay, summarizeDay } from "./days.js";
import { daysDoneByHabit, summarizeHabit } from "./habits.js";
import { dayMilestones, NO_WINS_YET, totalMilestones, type RunningTotal } from "./milestones.js";
import { tallyMonth } from "./month-tally.js";
import { onThisDay } from "./on-this-day.js";
import { summarizeYears } from "./years.js";
import { summarize } from "./summary.js";
import { summarizeTagUses, tagUses } from "./tags.js";
import { checkDays, checkReflections, knownNames, pickReflections } from "./validation.js";
import { startOfJournal, walkDays, type WalkedDays } from "./walk.js";
import { daysByWeek, summarizeWeek, weekRestDates, withNeighbours } from "./weeks.js";
import {
  forgetGone,
  keepList,
  keepRestDays,
  keepTally,
  reusableAreas,
  rememberAreas,
  reusableSummary,
  rememberSummary,
  rememberDay,
  rememberedMonths,
  rememberHabit,
  rememberWeek,
  restCalendarOf,
  reusableDay,
  reusableHabit,
  reusableMonth,
  reusableMonthDays,
  reusableWeek,
  reuseTags,
  orderedFiles,
  knownReflections,
  weekKeysOf,
  keptWeeks,
  rememberWeekList,
  type ModelMemo,
  type MonthDays,
  type RememberedMonth,
} from "../memo/model-memo.js";
import { memoLinks } from "../memo/links-memo.js";

export { createModelMemo, type ModelMemo } from "../memo/model-memo.js";
// Where tests and the `new` command have always found them.
export { REFLECTION_PROMPTS, weekSummaryOf } from "./weeks.js";
export { totalMilestoneValues } from "./milestones.js";

/** The site model and the diagnostics that need the whole journal and the config to see. */
export interface ModelResult {
  readonly model: SiteModel;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Computes every number of §3 from parsed journal files. Pure: the files, the
 * config and `today` decide everything, and file order does not matter. A memo
 * only saves work: a model built with one equals a model built without.
 */
export function buildSiteModel(files: readonly JournalFile[], config: Config, today: IsoDate, memo?: ModelMemo, otherFiles?: FileList): ModelResult {
  const diagnostics: Diagnostic[] = [];
  // The files in date order, cut into months: with a memo, last build's order with the changed files in their places (no sort, no pass over every file).
  const { dayFiles, weekFiles, blocks } = orderedFiles(memo, files, today);
  const reflections = knownReflections(memo, weekFiles, () => {
    const found: Diagnostic[] = [];
    return { reflections: pickReflections(weekFiles, found), diagnostics: found };
  }, diagnostics);
  checkReflections([...reflections.values()], config, today, diagnostics);

  // The walk over the days (streaks, comebacks, level-ups, streak milestones) goes a
  // month at a time: a month whose files and starting state are those of the
  // last run is not walked again, so an edit re-walks its own month and the
  // months its change reaches (a streak or a level carried over).
  const remembered = rememberedMonths(memo, config, today);
  // The config's rest days as numbers, made once per config: the walk counts them, never looks them up day by day.
  const calendar = restCalendarOf(memo, config);
  const streakGoals = new Set(config.milestones);
  const known = knownNames(config);
  let state = startOfJournal();
  const walked = blocks.map(({ key, files, counted }): RememberedMonth => {
    const month = reusableMonth(remembered, key, files, counted, state) ?? {
      walk: walkDays(files, counted, state, config.minWinsPerDay, streakGoals, calendar),
      checks: checkDays(files, known, today),
    };
    remembered?.set(key, month);
    state = month.walk.to;
    for (const d of month.checks) diagnostics.push(d);
    return month;
  });
  if (remembered) forgetGone(remembered, blocks.length, () => new Set(blocks.map((b) => b.key)));

  // Total-win milestones need the running total, which every month before changes: they are found
  // apart from the walk, and most months cross none, so the total moves a month at a time.
  const days: DaySummary[] = [];
  const milestones: Milestone[] = [];
  const levelUps: LevelUp[] = [];
  let running: RunningTotal = NO_WINS_YET;
  let countedEnd = 0;
  walked.forEach((month, b) => {
    const walk = month.walk;
    const totals = totalMilestones(walk.dates, walk.winCounts, walk.counted, walk.wins, running);
    running = totals.after;
    const previous = walked[b - 1]?.walk.dates.at(-1);
    const next = walked[b + 1]?.walk.dates[0];
    const summaries = reusableMonthDays(month, previous, next, totals.at) ?? monthDays(walk, totals.at, previous, next, calendar, memo);
    month.summaries = summaries;
    for (const day of summaries.days) days.push(day);
    for (const m of summaries.milestones) milestones.push(m);
    for (const l of walk.levelUps) levelUps.push(l);
    countedEnd += walk.counted;
  });
  if (memo) forgetGone(memo.days, days.length, () => new Set(days.map((d) => d.date)));
  const winDayNumbers = once(() => walked.flatMap((b) => b.walk.winDayNumbers));
  const gaps = once(() => walked.flatMap((b) => b.walk.gaps));
  // Rest days (§6) from the journal's first counted day to today: the config's, and the days entries mark (months are in date order).
  const rest = once(
    (): RestDays =>
      keepRestDays(memo, {
        calendar,
        entryDays: walked.flatMap((b) => b.walk.restDayNumbers),
        from: countedEnd > 0 ? toDayNumber(days[0]!.date) : undefined,
        to: toDayNumber(today),
      }),
  );
  const areasUsed = new Set(walked.flatMap((b) => b.walk.areas));
  const habitsUsed = new Set(walked.flatMap((b) => b.walk.habits));

  const thisWeekKey = isoWeekOf(today);
  const { set: weekKeySet, keys: weekKeys, inOrder: reflectionsInOrder } = weekKeysOf(memo, walked.map((b) => b.walk.weeks), reflections, thisWeekKey);
  // Links are resolved against the whole journal: an edit that adds or removes a day, or a link,
  // changes what other pages show. The memo resolves again only the files that changed.
  const { links, diagnostics: linkDiagnostics } = memoLinks(memo?.links, dayFiles, [...reflections.values()], weekKeySet, otherFiles);
  for (const d of linkDiagnostics) diagnostics.push(d);
  // Kept as last build's lists while they hold the same items: the pages made from them are then told unchanged by identity.
  const allLevelUps = memo ? (memo.levelUps = keepList(memo.levelUps, levelUps)) : levelUps;
  const keys = {
    weeks: memo ? (memo.weekKeys = keepList(memo.weekKeys, weekKeys)) : weekKeys,
    areas: [...new Set([...Object.keys(config.areas), ...areasUsed])].sort(),
    habits: [...new Set([...Object.keys(config.habits), ...habitsUsed])].sort(),
  };

  // Everything below is made on first use: a watch writes the edited day's page before it asks for any of it.
  // Days are in date order and future days come last, so the counted days are the first ones.
  const countedDays = once(() => days.slice(0, countedEnd));
  // What each month's counted days add up to, kept with its summaries: an edit tallies its own month again, not the journal.
  const tallies = once(() => walked.map(({ walk, summaries }, b) => (summaries!.tally ??= keepTally(memo, blocks[b]!.key, tallyMonth(summaries!.days, walk.counted, config.minWinsPerDay)))));
  let runs: ReadonlyMap<IsoWeek, readonly DaySummary[]> | undefined;
  const weekRuns = (): ReadonlyMap<IsoWeek, readonly DaySummary[]> => (runs ??= daysByWeek(days));
  const weekOf = (week: IsoWeek, restDates: readonly IsoDate[]): WeekSummary =>
    summarizeWeek(week, weekRuns().get(week) ?? [], weekRuns().get(addWeeks(week, -1)) ?? [], reflections.get(week), restDates);
  /** The week at place `i` of the weeks with pages: last build's summary when made of the same days, reflection, neighbours and rest days. */
  const weekAt = (i: number): WeekSummary => {
    const week = weekKeys[i]!;
    const previousWeek = weekKeys[i - 1];
    const nextWeek = weekKeys[i + 1];
    // A week's summary reads its own days and the week before's (future days included, to be safe).
    const own = weekRuns().get(week) ?? [];
    const before = weekRuns().get(addWeeks(week, -1)) ?? [];
    const reflection = reflections.get(week);
    // Its rest days come from the config as well as from its days, and a day becomes one when today reaches it.
    let restDates: IsoDate[] | undefined;
    const restOf = (): IsoDate[] => (restDates ??= weekRestDates(week, own, rest()));
    const known = reusableWeek(memo, week, own, before, reflection, previousWeek, nextWeek, rest(), restOf);
    if (known) return known;
    const value = withNeighbours(summarizeWeek(week, own, before, reflection, restOf()), previousWeek, nextWeek);
    rememberWeek(memo, week, own, before, reflection, rest(), value);
    return value;
  };
  const weeks = once(() => {
    // After an edit, last build's weeks with the weeks of the changed days made again (see keptWeeks).
    const kept = keptWeeks(memo, days, weekKeys, rest(), reflections);
    let out: WeekSummary[];
    if (kept) {
      runs = kept.runs;
      out = [...kept.weeks];
      for (const i of kept.changed) out[i] = weekAt(i);
    } else {
      out = weekKeys.map((_, i) => weekAt(i));
      if (memo) forgetGone(memo.weeks, weekKeys.length, () => weekKeySet);
    }
    rememberWeekList(memo, days, weekKeys, rest(), reflections, weekRuns(), out);
    return out;
  });
  const thisWeek = once(() => weeks().find((w) => w.week === thisWeekKey) ?? weekOf(thisWeekKey, weekRestDates(thisWeekKey, weekRuns().get(thisWeekKey) ?? [], rest())));

  const summary = once(() => {
    const span = countedEnd > 0 ? { first: days[0]!.date, last: days[countedEnd - 1]!.date } : undefined;
    const walks = walked.map((b) => b.walk);
    // The headline numbers read every win day: they are made again only when a month's walk moved one (or the totals, span or rest days changed).
    const known = reusableSummary(memo, walks, tallies(), rest(), span, config.milestones, today);
    if (known) return known;
    const value = summarize({
      today,
      winDayNumbers: winDayNumbers(),
      gaps: gaps(),
      rest: rest(),
      restWins: walked.reduce((n, b) => n + b.walk.restWins, 0),
      months: tallies(),
      span,
      streakGoals: config.milestones,
    });
    rememberSummary(memo, walks, tallies(), rest(), span, config.milestones, today, value);
    return value;
  });
  const areas = once(() => {
    const runs = tallies().map((t) => t.areas);
    const known = reusableAreas(memo, runs, allLevelUps, today);
    if (known) return known;
    const value = summarizeAreas(runs, allLevelUps, config, today);
    rememberAreas(memo, runs, allLevelUps, today, value);
    return value;
  });
  const habits = once(() => {
    const done = daysDoneByHabit(tallies(), config);
    const slugs = [...done.keys()].sort();
    const out = slugs.map((slug) => {
      const dates = done.get(slug) ?? [];
      const habit = config.habits[slug];
      const known = reusableHabit(memo, slug, habit, today, dates, rest());
      if (known) return known;
      const value = summarizeHabit(slug, habit, dates, today, rest());
      rememberHabit(memo, slug, habit, today, dates, rest(), value);
      return value;
    });
    if (memo) forgetGone(memo.habits, slugs.length, () => done);
    return out;
  });
  const years = once(() => summarizeYears(tallies()));
  const onThisDayDates = once(() => onThisDay(countedDays(), today));
  const winsByDate = once(() => new Map(countedDays().map((d) => [d.date, d.wins.length])));
  // Each month's tags are kept with its summaries: an edit looks again at its own month's tags, not every day's.
  const tags = once(() => reuseTags(memo, summarizeTagUses(walked.map(({ summaries }) => (summaries!.tags ??= tagUses(summaries!.days, config.publish))))));

  const model: SiteModel = {
    config,
    today,
    days,
    milestones,
    levelUps: allLevelUps,
    keys,
    links,
    reflections: reflectionsInOrder,
    get summary() {
      return summary();
    },
    get weeks() {
      return weeks();
    },
    get thisWeek() {
      return thisWeek();
    },
    get areas() {
      return areas();
    },
    get habits() {
      return habits();
    },
    get years() {
      return years();
    },
    get onThisDay() {
      return onThisDayDates();
    },
    get winsByDate() {
      return winsByDate();
    },
    get tags() {
      return tags();
    },
    get rest() {
      return rest();
    },
  };
  return { model, diagnostics };
}

/** The day summaries of a walked month; a day whose files and numbers are unchanged keeps its summary object. */
function monthDays(
  walk: WalkedDays,
  totals: readonly (Milestone[] | undefined)[],
  previousDate: IsoDate | undefined,
  nextDate: IsoDate | undefined,
  calendar: RestCalendar,
  memo: ModelMemo | undefined,
): MonthDays {
  const { dates, groups } = walk;
  const days = dates.map((date, j) => {
    const group = groups[j]!;
    const isWinDay = walk.isWin[j]!;
    const future = j >= walk.counted;
    const streak = walk.streakAt[j]!;
    const comeback = walk.comebackAt[j];
    const previous = j === 0 ? previousDate : dates[j - 1];
    const next = j === dates.length - 1 ? nextDate : dates[j + 1];
    const levelUps = walk.levelUpsAt[j] ?? [];
    const milestones = dayMilestones(walk.streakMilestoneAt[j], totals[j]);
    const rest = restOfDay(date, group, calendar);
    // A day's summary is made of its files (an unchanged file is the same object), the numbers the walk gave it, and the config's rest days.
    const known = reusableDay(memo, date, group, isWinDay, future, streak, comeback, previous, next, levelUps, milestones, rest);
    if (known) return known;
    const value = summarizeDay(date, group, isWinDay, future, streak, comeback, levelUps, milestones, previous, next, rest);
    rememberDay(memo, date, group, value);
    return value;
  });
  return { previous: previousDate, next: nextDate, totals, days, milestones: days.flatMap((d) => d.milestones) };
}

/** A value made on the first call and kept. */
function once<T>(make: () => T): () => T {
  let made = false;
  let value: T;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value;
  };
}
