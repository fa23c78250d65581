/**
 * Routes: the site model to pages. Each page is a path, a template name and
 * the exact data its template needs, with privacy already applied: protected
 * text never reaches a template, so no template can leak it.
 */
import type { Config } from "../config/schema.js";
import { addDays, compareDates, dateParts, isoWeekday, makeDate, monthName, weekdayName, type IsoDate, type IsoWeek } from "../model/calendar.js";
import type { AreaSummary, DaySummary, DayWin, HabitSummary, LevelUp, Milestone, SiteModel, WeekSummary } from "../model/site.js";
import { barChart, heatMap, lineChart } from "./charts.js";
import { sameItems } from "../model/lists.js";
import { mayPublish, published } from "./privacy.js";

/** One page of the site, before rendering. */
export interface Page {
  /** Relative to the output folder, with `/` separators. */
  readonly path: string;
  /** The template's name, e.g. `day`. */
  readonly template: string;
  /** Everything the template reads; its hash decides whether the page must be rendered again. */
  readonly data: PageData;
}

/** What every page's data holds. */
export interface PageData {
  readonly title: string;
  /** The way back to the site root from this page: "" or "../". */
  readonly root: string;
  readonly path: string;
  readonly nav: string;
  readonly site: { readonly title: string; readonly author: string | null };
  readonly [key: string]: unknown;
}

const PALETTE = ["#2a9d8f", "#e76f51", "#6a994e", "#6d597a", "#d4a017", "#457b9d", "#f4a261", "#b56576"];

/** A day written for people: "Saturday 21 November 2026". */
export function longDate(date: IsoDate): string {
  const { year, month, day } = dateParts(date);
  return `${weekdayName(isoWeekday(date))} ${day} ${monthName(month)} ${year}`;
}

/** A day written short: "Sat 21 Nov". */
export function shortDate(date: IsoDate): string {
  const { month, day } = dateParts(date);
  return `${weekdayName(isoWeekday(date)).slice(0, 3)} ${day} ${monthName(month).slice(0, 3)}`;
}

const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;
const round1 = (n: number): number => Math.round(n * 10) / 10;

/** Everything routes need besides one page's own data. */
interface Context {
  readonly model: SiteModel;
  readonly config: Config;
  /** An area's label and colour, and whether it has a page (an area only a future entry uses has none). */
  readonly areaInfo: (slug: string) => AreaInfo;
  readonly habitLabel: (slug: string) => string;
  /** Whether a habit has a page (a habit only a future entry uses has none). */
  readonly habitPage: (slug: string) => boolean;
  /** Whether a week has a page: weeks with counted entries or a reflection do. */
  readonly weekPage: (week: IsoWeek) => boolean;
  /** The day with entries on a date, if any. */
  readonly dayOn: (date: IsoDate) => DaySummary | undefined;
  /** The site's title and author, as every page's data holds them. */
  readonly site: PageData["site"];
}

/** An area as pages show it; `page` is false when the site has no page for it, so templates link only when it is true. */
interface AreaInfo {
  readonly slug: string;
  readonly label: string;
  readonly color: string;
  readonly page: boolean;
}

function makeContext(model: SiteModel): Context {
  const config = model.config;
  // The model's keys, not its summaries: making those is most of an edit's work, and day pages need only the keys.
  const slugs = model.keys.areas;
  const colors = new Map(slugs.map((slug, i) => [slug, config.areas[slug]?.color ?? PALETTE[i % PALETTE.length]!]));
  const areaPages = new Set(slugs);
  const habitPages = new Set(model.keys.habits);
  const weekPages = new Set(model.keys.weeks);
  return {
    model,
    config,
    areaInfo: (slug) => ({ slug, label: config.areas[slug]?.label ?? slug, color: colors.get(slug) ?? PALETTE[0]!, page: areaPages.has(slug) }),
    habitLabel: (slug) => config.habits[slug]?.label ?? slug,
    habitPage: (slug) => habitPages.has(slug),
    weekPage: (week) => weekPages.has(week),
    dayOn: (date) => {
      const i = firstFrom(model.days, date);
      return model.days[i]?.date === date ? model.days[i] : undefined;
    },
    site: { title: config.title, author: config.author ?? null },
  };
}

function base(ctx: Context, path: string, title: string, nav: string): PageData {
  const depth = path.split("/").length - 1;
  return {
    title,
    root: "../".repeat(depth),
    path,
    nav,
    site: ctx.site,
  };
}

/** A win as a page shows it: the text is null when it may not be published. */
interface WinView {
  readonly text: string | null;
  readonly area: AreaInfo | null;
  readonly level: number;
  readonly habit: { slug: string; label: string; page: boolean } | null;
  readonly task: boolean;
}

function winView(ctx: Context, w: DayWin): WinView {
  return {
    text: published(ctx.config.publish, "win", w),
    area: w.area ? ctx.areaInfo(w.area) : null,
    level: w.level,
    habit: w.habit ? { slug: w.habit, label: ctx.habitLabel(w.habit), page: ctx.habitPage(w.habit) } : null,
    task: w.source === "task",
  };
}

function levelUpView(ctx: Context, l: LevelUp): Record<string, unknown> {
  return { date: l.date, area: ctx.areaInfo(l.area), level: l.level, previousLevel: l.previousLevel, text: published(ctx.config.publish, "win", l.win) };
}

function milestoneView(m: Milestone): Record<string, unknown> {
  return { kind: m.kind, value: m.value, date: m.date, label: m.kind === "streak" ? `${m.value}-day streak` : `${m.value} wins` };
}

function dayPage(ctx: Context, day: DaySummary): Page {
  const mode = ctx.config.publish;
  const path = `days/${day.date}.html`;
  const hiddenWins = day.wins.filter((w) => published(mode, "win", w) === null).length;
  return {
    path,
    template: "day",
    data: {
      // Written out, not spread from base(): a literal of known shape is several times faster to make, and there are thousands of days.
      title: longDate(day.date),
      root: "../",
      path,
      nav: "days",
      site: ctx.site,
      date: day.date,
      longDate: longDate(day.date),
      week: day.week,
      weekPage: ctx.weekPage(day.week),
      wins: day.wins.map((w) => winView(ctx, w)),
      hiddenWins,
      isWinDay: day.isWinDay,
      future: day.future,
      streak: day.streak,
      comebackAfter: day.comebackAfter ?? null,
      mood: day.mood ?? null,
      energy: day.energy ?? null,
      didWell: day.didWell.flatMap((t) => (mayPublish(mode, "note", t.private) ? [t.text] : [])),
      tags: day.private ? [] : mode === "full" ? day.tags : [],
      planned: day.planned.flatMap((t) => (mayPublish(mode, "note", t.private) ? [t.text] : [])),
      tasksDone: day.tasksDone,
      tasksTotal: day.tasksTotal,
      bodies: day.bodies.flatMap((b) => (mayPublish(mode, "note", b.private) ? [b.html] : [])),
      privateDay: day.private,
      levelUps: day.levelUps.map((l) => levelUpView(ctx, l)),
      milestones: day.milestones.map(milestoneView),
      previous: day.previous ?? null,
      next: day.next ?? null,
    },
  };
}

function weekView(ctx: Context, w: WeekSummary): Record<string, unknown> {
  const mode = ctx.config.publish;
  const r = w.reflection;
  const reflectionShown = r !== undefined && mayPublish(mode, "note", r.private);
  return {
    week: w.week,
    hasPage: ctx.weekPage(w.week),
    first: w.dates[0],
    last: w.dates[6],
    range: `${shortDate(w.dates[0]!)} – ${shortDate(w.dates[6]!)}`,
    wins: w.wins,
    winDays: w.winDays,
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
    reflection: reflectionShown ? r.html : null,
    reflectionHidden: r !== undefined && !reflectionShown,
    // The model asks for prompts when there is no reflection or it has no text (only a rating).
    prompts: w.prompts,
    days: w.dates.map((date) => {
      const day = ctx.dayOn(date);
      // Today and later days are not over yet: not "missed".
      const ahead = compareDates(date, ctx.model.today) >= 0;
      return { date, label: shortDate(date), wins: day && !day.future ? day.wins.length : 0, hasPage: day !== undefined, isWinDay: day?.isWinDay ?? false, ahead };
    }),
  };
}

function weekPage(ctx: Context, w: WeekSummary): Page {
  const path = `weeks/${w.week}.html`;
  return {
    path,
    template: "week",
    data: {
      title: `Week ${w.week}`,
      root: "../",
      path,
      nav: "weeks",
      site: ctx.site,
      w: weekView(ctx, w),
      previousWeek: w.previousWeek ?? null,
      nextWeek: w.nextWeek ?? null,
    },
  };
}

function weeksIndex(ctx: Context, memo: RouteMemo | undefined): Page {
  const path = "weeks/index.html";
  const weeks = [...ctx.model.weeks].reverse();
  return {
    path,
    template: "weeks",
    data: {
      ...base(ctx, path, "Weeks", "weeks"),
      weeks: weeks.map((w) => {
        const known = memo?.weekRows.get(w);
        if (known) return known;
        const row = weekRow(w);
        memo?.weekRows.set(w, row);
        return row;
      }),
    },
  };
}

/** A week's row in the list of weeks. */
function weekRow(w: WeekSummary): Record<string, unknown> {
  return {
    week: w.week,
    range: `${shortDate(w.dates[0]!)} – ${shortDate(w.dates[6]!)}`,
    wins: w.wins,
    winDays: w.winDays,
    change: w.change.wins,
    hasReflection: w.reflection !== undefined,
    rating: w.reflection?.rating ?? null,
    levelUps: w.levelUps.length,
    milestones: w.milestones.length,
  };
}

function areaView(ctx: Context, a: AreaSummary): Record<string, unknown> {
  return { ...ctx.areaInfo(a.slug), wins: a.wins, winDays: a.winDays, highestLevel: a.highestLevel, first: a.first ?? null, last: a.last ?? null, levelUps: a.levelUps.length };
}

function areaPage(ctx: Context, a: AreaSummary): Page {
  const path = `areas/${a.slug}.html`;
  const weekly = a.weekly.slice(-26);
  return {
    path,
    template: "area",
    data: {
      ...base(ctx, path, ctx.areaInfo(a.slug).label, "areas"),
      area: areaView(ctx, a),
      byLevel: a.byLevel.map((wins, i) => ({ level: i + 1, wins })),
      levelUps: a.levelUps.map((l) => levelUpView(ctx, l)),
      chart: barChart(
        weekly.map((w) => ({ value: w.wins, label: `${w.week}: ${plural(w.wins, "win")}${w.highestLevel ? `, up to level ${w.highestLevel}` : ""}`, level: w.highestLevel })),
        520,
        120,
        `Wins in ${ctx.areaInfo(a.slug).label} per week over the last ${plural(weekly.length, "week")}; the shade shows the highest level reached that week.`,
      ),
      recent: a.recent.map((w) => ({ date: w.date, ...winView(ctx, w) })),
    },
  };
}

function areasIndex(ctx: Context): Page {
  const path = "areas/index.html";
  return { path, template: "areas", data: { ...base(ctx, path, "Areas", "areas"), areas: ctx.model.areas.map((a) => areaView(ctx, a)) } };
}

function targetLabel(h: HabitSummary): string {
  return h.target.kind === "daily" ? "every day" : `${h.target.perWeek} days a week`;
}

function habitView(h: HabitSummary): Record<string, unknown> {
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

function habitPage(ctx: Context, h: HabitSummary): Page {
  const path = `habits/${h.slug}.html`;
  const today = ctx.model.today;
  const from = addDays(today, -7 * 26 + 1);
  const done = new Map(h.done.map((d) => [d, 1]));
  const scores = h.scoreByWeek.slice(-52);
  return {
    path,
    template: "habit",
    data: {
      ...base(ctx, path, h.label, "habits"),
      habit: habitView(h),
      scoreChart: lineChart(
        scores.map((s) => ({ value: s.score, label: `${s.week}: ${Math.round(s.score * 100)}%` })),
        520,
        110,
        0,
        1,
        `Habit strength per week, from ${Math.round((scores[0]?.score ?? 0) * 100)}% to ${Math.round(h.score * 100)}% now.`,
      ),
      calendar: heatMap(from, today, done, ctx.config.weekStart, `${h.label} over the last 26 weeks`, "done"),
      perWeek: h.target.kind === "weekly" ? h.perWeek.slice(-12).reverse().map((w) => ({ ...w, hasPage: ctx.weekPage(w.week) })) : [],
      perWeekTarget: h.target.kind === "weekly" ? h.target.perWeek : null,
    },
  };
}

function habitsIndex(ctx: Context): Page {
  const path = "habits/index.html";
  return { path, template: "habits", data: { ...base(ctx, path, "Habits", "habits"), habits: ctx.model.habits.map(habitView) } };
}

function yearPage(ctx: Context, year: SiteModel["years"][number]): Page {
  const path = `years/${year.year}.html`;
  const today = ctx.model.today;
  const end = makeDate(year.year, 12, 31);
  const to = end < today ? end : today;
  return {
    path,
    template: "year",
    data: {
      ...base(ctx, path, String(year.year), "years"),
      year: year.year,
      wins: year.wins,
      winDays: year.winDays,
      heatmap: heatMap(makeDate(year.year, 1, 1), to, winsBetween(ctx.model.days, makeDate(year.year, 1, 1), to), ctx.config.weekStart, `Wins in ${year.year}`),
      months: year.months.map((m) => ({ ...m, name: monthName(m.month) })),
      chart: barChart(
        year.months.map((m) => ({ value: m.wins, label: `${monthName(m.month)}: ${plural(m.wins, "win")}` })),
        520,
        100,
        `Wins per month in ${year.year}: ${year.months.map((m) => `${monthName(m.month).slice(0, 3)} ${m.wins}`).join(", ")}.`,
      ),
      years: ctx.model.years.map((y) => y.year),
    },
  };
}

function milestonesPage(ctx: Context): Page {
  const path = "milestones.html";
  const s = ctx.model.summary;
  return {
    path,
    template: "milestones",
    data: {
      ...base(ctx, path, "Milestones", "milestones"),
      milestones: [...ctx.model.milestones].reverse().map(milestoneView),
      levelUps: ctx.model.days.flatMap((d) => d.levelUps).reverse().map((l) => levelUpView(ctx, l)),
      nextStreak: s.nextStreakMilestone ?? null,
      nextTotal: s.nextTotalMilestone ?? null,
      currentStreak: s.currentStreak.days,
      totalWins: s.totalWins,
    },
  };
}

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

function dashboard(ctx: Context): Page {
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
      heatmap: heatMap(heatStart, today, winsBetween(model.days, heatStart, today), ctx.config.weekStart, "Wins in the last 53 weeks"),
      thisWeek: weekView(ctx, model.thisWeek),
      recent,
      areas: model.areas.map((a) => areaView(ctx, a)),
      nextStreak: s.nextStreakMilestone ? { value: s.nextStreakMilestone, toGo: s.nextStreakMilestone - s.currentStreak.days } : null,
      nextTotal: s.nextTotalMilestone ? { value: s.nextTotalMilestone, toGo: s.nextTotalMilestone - s.totalWins } : null,
      mood: moodDays.length >= 2
        ? lineChart(
            moodDays.map((d) => ({ value: d.mood!, label: `${d.date}: mood ${round1(d.mood!)}` })),
            240,
            48,
            1,
            5,
            // Several files on one day average their moods: 3.3333333333333335 must not reach the page.
            `Mood over the last ${plural(moodDays.length, "entry", "entries")}, from ${round1(moodDays[0]!.mood!)} to ${round1(moodDays[moodDays.length - 1]!.mood!)} out of 5.`,
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

/** The last item that passes, looked for from the end. */
function findLast<T>(items: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return items[i];
  return undefined;
}

/** The last `count` items that pass, in their order. */
function lastOf<T>(items: readonly T[], count: number, test: (item: T) => boolean): T[] {
  const out: T[] = [];
  for (let i = items.length - 1; i >= 0 && out.length < count; i--) if (test(items[i]!)) out.push(items[i]!);
  return out.reverse();
}

/** The index of the first day on or after `date` (days are in date order, so it is found by halving). */
function firstFrom(days: readonly DaySummary[], date: IsoDate): number {
  let low = 0;
  let high = days.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareDates(days[mid]!.date, date) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The win count of every counted day from `from` to `to` (the model's
 * winsByDate, cut to the days a heat map shows), so that a heat map reads its own days, not the journal's.
 */
function winsBetween(days: readonly DaySummary[], from: IsoDate, to: IsoDate): Map<IsoDate, number> {
  const out = new Map<IsoDate, number>();
  for (let i = firstFrom(days, from); i < days.length && compareDates(days[i]!.date, to) <= 0; i++) if (!days[i]!.future) out.set(days[i]!.date, days[i]!.wins.length);
  return out;
}

function notFound(ctx: Context): Page {
  // A host serves the 404 page at any depth, so relative links only work at
  // the top; with a siteUrl its links are absolute and work everywhere.
  const root = ctx.config.siteUrl ?? "";
  return { path: "404.html", template: "404", data: { ...base(ctx, "404.html", "Page not found", ""), root, home: `${root}index.html` } };
}

/**
 * Day and week pages of earlier runs, by the summary they were made from: a
 * watch keeps one, so that after an edit only the pages of summaries that
 * changed are made again (the model keeps unchanged summaries as the same
 * objects). Everything else a page reads is checked before one is reused.
 */
export interface RouteMemo {
  config?: Config;
  today?: IsoDate;
  /** The areas and habits with their colours and pages, which day and week pages show. */
  context?: string;
  days: WeakMap<DaySummary, { readonly weekPage: boolean; readonly page: Page }>;
  /** The last list of day pages, with the days and weeks with pages it was made from. */
  dayList?: { readonly days: readonly DaySummary[]; readonly weeks: readonly IsoWeek[]; readonly pages: readonly Page[] };
  weeks: WeakMap<WeekSummary, Page>;
  /** Rows of the list of weeks. */
  weekRows: WeakMap<WeekSummary, Record<string, unknown>>;
  /** Year pages by year, with the day summaries of that year and the list of years they were made from. */
  years: Map<number, { readonly days: readonly DaySummary[]; readonly years: string; readonly page: Page }>;
}

/** An empty route memo. */
export function createRouteMemo(): RouteMemo {
  return { days: new WeakMap(), weeks: new WeakMap(), weekRows: new WeakMap(), years: new Map() };
}

/** The parts of the context every day and week page may show, as text. */
function contextSignature(ctx: Context): string {
  const keys = ctx.model.keys;
  return JSON.stringify([keys.areas.map((slug) => ctx.areaInfo(slug)), keys.habits.map((slug) => [slug, ctx.habitPage(slug)])]);
}

/** A memo valid for this model: emptied when the config, today or the areas and habits changed. */
function validMemo(memo: RouteMemo | undefined, ctx: Context): RouteMemo | undefined {
  if (!memo) return undefined;
  const context = contextSignature(ctx);
  if (memo.config !== ctx.config || memo.today !== ctx.model.today || memo.context !== context) {
    memo.config = ctx.config;
    memo.today = ctx.model.today;
    memo.context = context;
    memo.days = new WeakMap();
    delete memo.dayList;
    memo.weeks = new WeakMap();
    memo.weekRows = new WeakMap();
    memo.years = new Map();
  }
  return memo;
}

function memoDayPage(ctx: Context, memo: RouteMemo | undefined, day: DaySummary): Page {
  const weekPage = ctx.weekPage(day.week);
  const known = memo?.days.get(day);
  if (known && known.weekPage === weekPage) return known.page;
  const page = dayPage(ctx, day);
  memo?.days.set(day, { weekPage, page });
  return page;
}

/** Every day's page; after an edit, the list of the last run gives the pages of days at the same place that did not change. */
function dayPages(ctx: Context, memo: RouteMemo | undefined): Page[] {
  const days = ctx.model.days;
  const last = memo?.dayList;
  // A day's page reads its summary and whether its week has a page: with the same weeks, the same summary makes the same page.
  const sameWeeks = last !== undefined && sameItems(last.weeks, ctx.model.keys.weeks);
  const pages = days.map((d, i) => (sameWeeks && last.days[i] === d ? last.pages[i]! : memoDayPage(ctx, memo, d)));
  if (memo) memo.dayList = { days, weeks: ctx.model.keys.weeks, pages };
  return pages;
}

function memoWeekPage(ctx: Context, memo: RouteMemo | undefined, week: WeekSummary): Page {
  const known = memo?.weeks.get(week);
  if (known) return known;
  const page = weekPage(ctx, week);
  memo?.weeks.set(week, page);
  return page;
}

/** A year's page is made of that year's days (its numbers and heat map) and the list of years. */
function memoYearPages(ctx: Context, memo: RouteMemo | undefined): Page[] {
  const years = ctx.model.years.map((y) => y.year).join();
  const daysOf = new Map<number, readonly DaySummary[]>();
  if (memo) {
    // Days are in date order, so each year's days are one run of them.
    const days = ctx.model.days;
    for (let start = 0; start < days.length; ) {
      const prefix = days[start]!.date.slice(0, 5);
      let end = start + 1;
      while (end < days.length && days[end]!.date.startsWith(prefix)) end++;
      daysOf.set(Number(prefix.slice(0, 4)), days.slice(start, end));
      start = end;
    }
  }
  const pages = ctx.model.years.map((y) => {
    const days = daysOf.get(y.year) ?? [];
    const known = memo?.years.get(y.year);
    if (known && known.years === years && sameItems(known.days, days)) return known.page;
    const page = yearPage(ctx, y);
    memo?.years.set(y.year, { days, years, page });
    return page;
  });
  if (memo) for (const year of memo.years.keys()) if (!ctx.model.years.some((y) => y.year === year)) memo.years.delete(year);
  return pages;
}

/** The pages of a site in two stages: the day pages, then the others, made only when asked for. */
export interface StagedRoutes {
  readonly days: readonly Page[];
  /** Every other page, in a stable order; the model's summaries are made on this call. */
  others(): Page[];
}

/**
 * The site's pages with the day pages first: they need only the days and the
 * model's keys, so a watch can write an edited day's page before the model's
 * summaries (weeks, areas, habits, years, the dashboard's numbers) are made.
 */
export function stagedRoutes(model: SiteModel, memo?: RouteMemo): StagedRoutes {
  const ctx = makeContext(model);
  const valid = validMemo(memo, ctx);
  return { days: dayPages(ctx, valid), others: () => otherPages(ctx, valid) };
}

/**
 * Every HTML page of the site (§4), in a stable order. With a memo, the page
 * of a day or week whose summary is unchanged is the same object as last time.
 */
export function routes(model: SiteModel, memo?: RouteMemo): Page[] {
  const staged = stagedRoutes(model, memo);
  const [dashboard, ...others] = staged.others();
  // The dashboard first, as the site reads: a build renders (and reports a failing template) in this order.
  return [dashboard!, ...staged.days, ...others];
}

function otherPages(ctx: Context, valid: RouteMemo | undefined): Page[] {
  const model = ctx.model;
  return [
    dashboard(ctx),
    weeksIndex(ctx, valid),
    ...model.weeks.map((w) => memoWeekPage(ctx, valid, w)),
    areasIndex(ctx),
    ...model.areas.map((a) => areaPage(ctx, a)),
    habitsIndex(ctx),
    ...model.habits.map((h) => habitPage(ctx, h)),
    ...memoYearPages(ctx, valid),
    milestonesPage(ctx),
    notFound(ctx),
  ];
}
