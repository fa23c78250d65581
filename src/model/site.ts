import type { Config, HabitTarget } from "../config/schema.js";
import type { IsoDate, IsoWeek } from "./calendar.js";
import type { TextKind } from "./privacy.js";
import type { TagKey } from "./tags.js";
import type { Reference, WeekFile } from "./entry.js";
import type { RestDays } from "./rest.js";

/** A stretch of days: its length and first and last day (null when there is none). */
export interface Stretch {
  readonly days: number;
  readonly from: IsoDate | null;
  readonly to: IsoDate | null;
}

/** A piece of journal text with the privacy of the file it came from. */
export interface Text {
  readonly text: string;
  readonly private: boolean;
}

/** A win as the site shows it. */
export interface DayWin extends Text {
  readonly area?: string;
  readonly level: number;
  readonly habit?: string;
  readonly source: "front-matter" | "task";
  readonly file: string;
}

/**
 * What a body's reference leads to, once the whole journal is known: a page
 * of the site (its path from the site's root), a journal file (published as
 * src/render/files.ts decides), or nothing, when it shows as its text.
 */
export type Resolution =
  | { readonly kind: "page"; readonly path: string }
  | { readonly kind: "file"; readonly relPath: string; readonly file: PublishedFile }
  | { readonly kind: "none" };

/** A journal file the site publishes: its path from the site's root (what a link to it leads to) and, for a picture, how it is shown. */
export interface PublishedFile {
  readonly path: string;
  /** Shown as a picture (`<img>`), not linked to. */
  readonly image: boolean;
  /** The size in pixels of the picture shown (`src`). */
  readonly width?: number;
  readonly height?: number;
  /** The picture a page shows, when it is a resized copy rather than `path`. */
  readonly src?: string;
  /** Resized copies, smallest first, for `srcset`. */
  readonly srcset?: readonly { readonly path: string; readonly width: number }[];
}

/** The journal's files that are not entries, by path and by name, as the shell listed them (paths from the journal folder, `/` separators). */
export interface FileList {
  readonly paths: ReadonlySet<string>;
  /** By lower-case file name, the paths with that name, in sorted order. */
  readonly byName: ReadonlyMap<string, readonly string[]>;
  /** Paths of symlinks (or files in symlinked folders) whose real file is outside the journal: never published. */
  readonly outside: ReadonlySet<string>;
}

/** A body's HTML with markers (src/model/body-html.ts), its references, and the file they resolve from. */
export interface LinkedHtml {
  readonly html: string;
  readonly references: readonly Reference[];
  /** The file relative to the journal folder: where its relative references start. */
  readonly relPath: string;
}

/** A page that links to another ("Mentioned on"): its path from the site's root, its label, and whether every linking text is private. */
export interface Mention {
  readonly path: string;
  readonly label: string;
  readonly private: boolean;
}

/** A page a journal file has: its path from the site's root and its label (a date or a week). */
export interface LinkTarget {
  readonly path: string;
  readonly label: string;
}

/**
 * What the journal's references are resolved against, and each page's
 * backlinks, as plain data (src/aggregate/links.ts reads it): names and paths
 * of entry files are lower-case, as Obsidian matches them.
 */
export interface Links {
  /** Dates with entries (each has a page). */
  readonly dates: ReadonlySet<string>;
  readonly weekPages: ReadonlySet<string>;
  /** Entry files by their path from the journal folder. */
  readonly byPath: ReadonlyMap<string, LinkTarget>;
  /** Entry files by their name without `.md`. */
  readonly byName: ReadonlyMap<string, LinkTarget>;
  /** Every entry's name and every week, for "did you mean". */
  readonly names: readonly string[];
  /** By a page's path, the pages that link to it, days first in date order. */
  readonly mentions: ReadonlyMap<string, readonly Mention[]>;
  /** The journal's other files, that images, embeds and links to files resolve against. */
  readonly files: FileList;
  /** By path in the journal, the files the site publishes (filled once the shell has looked at them; see withPublishedFiles). */
  readonly published: ReadonlyMap<string, PublishedFile>;
}

/** A body of one entry file. */
export interface DayBody extends LinkedHtml {
  readonly file: string;
  readonly text: string;
  readonly private: boolean;
}

/**
 * A tag of a day: its key, its name as the day first wrote it, and the kind
 * and privacy of the text that holds it (which decide whether it is
 * published). One per key, kind and privacy.
 */
export interface DayTag {
  readonly key: TagKey;
  readonly name: string;
  readonly kind: TextKind;
  readonly private: boolean;
}

/** The first win in an area at a level above every earlier one there. */
export interface LevelUp {
  readonly date: IsoDate;
  readonly area: string;
  readonly level: number;
  /** The highest level before it (1 when there was none: every win starts tiny). */
  readonly previousLevel: number;
  readonly win: Text;
}

/** A milestone reached: a streak length or a total number of wins. */
export interface Milestone {
  readonly kind: "streak" | "total";
  readonly value: number;
  readonly date: IsoDate;
}

/** A planned rest day (§6), by the config or an entry's `rest:`. */
export interface RestDay {
  /** The reasons its entries give (`rest: sick day`), with their files' privacy. */
  readonly reasons: readonly Text[];
  /** The notes of the config's periods that hold it (config text: always published). */
  readonly notes: readonly string[];
}

/** One calendar day with at least one entry file. */
export interface DaySummary {
  readonly date: IsoDate;
  readonly week: IsoWeek;
  readonly files: readonly string[];
  readonly wins: readonly DayWin[];
  readonly isWinDay: boolean;
  /** After today: shown, counted in no number. */
  readonly future: boolean;
  /** The streak on this day (0 when it is not a win day). */
  readonly streak: number;
  /** Days missed right before this win day, when it is a comeback (rest days are not missed). */
  readonly comebackAfter?: number;
  /** A rest day (§6): with a win, it is a win day like any other. */
  readonly rest?: RestDay;
  readonly mood?: number;
  readonly energy?: number;
  readonly didWell: readonly Text[];
  readonly tags: readonly DayTag[];
  readonly planned: readonly Text[];
  readonly tasksDone: number;
  readonly tasksTotal: number;
  readonly bodies: readonly DayBody[];
  /** Every file of the day is private. */
  readonly private: boolean;
  readonly levelUps: readonly LevelUp[];
  readonly milestones: readonly Milestone[];
  /** The nearest earlier and later days with entries. */
  readonly previous?: IsoDate;
  readonly next?: IsoDate;
}

/** A weekly reflection as the site shows it. */
export interface Reflection extends LinkedHtml {
  readonly file: string;
  readonly text: string;
  readonly rating?: number;
  readonly focus?: string;
  readonly private: boolean;
}

/** The summary of one ISO week (§3). */
export interface WeekSummary {
  readonly week: IsoWeek;
  readonly dates: readonly IsoDate[];
  readonly wins: number;
  /** Win days out of 7, or out of its days that are not rest days (§6). */
  readonly winDays: number;
  /** Its rest days without a win, up to today: "5 of 6 days, 1 rest". */
  readonly restDates: readonly IsoDate[];
  readonly entryDays: number;
  readonly areaWins: Readonly<Record<string, number>>;
  readonly averageMood?: number;
  readonly bestDay?: { readonly date: IsoDate; readonly wins: number };
  readonly levelUps: readonly LevelUp[];
  readonly milestones: readonly Milestone[];
  readonly comebacks: readonly IsoDate[];
  readonly previous: { readonly week: IsoWeek; readonly wins: number; readonly winDays: number };
  /** Change against the previous week. */
  readonly change: { readonly wins: number; readonly winDays: number };
  readonly tasksDone: number;
  readonly tasksTotal: number;
  readonly reflection?: Reflection;
  /** Questions to answer when there is no reflection yet. */
  readonly prompts: readonly string[];
  readonly previousWeek?: IsoWeek;
  readonly nextWeek?: IsoWeek;
}

/** Progress in one area. */
export interface AreaSummary {
  readonly slug: string;
  readonly label: string;
  readonly color?: string;
  readonly configured: boolean;
  readonly wins: number;
  readonly winDays: number;
  readonly first?: IsoDate;
  readonly last?: IsoDate;
  readonly highestLevel: number;
  /** Wins at each level, index 0 = level 1. */
  readonly byLevel: readonly number[];
  readonly levelUps: readonly LevelUp[];
  readonly weekly: readonly { readonly week: IsoWeek; readonly wins: number; readonly highestLevel: number }[];
  readonly recent: readonly (DayWin & { readonly date: IsoDate })[];
}

/** A tag as its page and the list of tags show it: only its published uses count (§6). */
export interface TagSummary {
  readonly key: TagKey;
  /** The name as first written (the oldest day first, front matter before body). */
  readonly name: string;
  /** Its page, from the site's root (see tagPath). */
  readonly path: string;
  readonly parent?: { readonly key: TagKey; readonly name: string };
  /** The nested tags one level down, by key. */
  readonly children: readonly { readonly key: TagKey; readonly name: string; readonly count: number }[];
  /** Days whose published text holds the tag or a tag nested in it, newest first (future days too). */
  readonly days: readonly DaySummary[];
  /** Those days up to today: a future day counts in no number. */
  readonly count: number;
  readonly first?: IsoDate;
  readonly last?: IsoDate;
}

/** A run of weeks in which a weekly habit met its target. */
export interface WeekStretch {
  readonly weeks: number;
  readonly from: IsoWeek | null;
  readonly to: IsoWeek | null;
}

/** One habit's record (§3). */
export interface HabitSummary {
  readonly slug: string;
  readonly label: string;
  readonly cue?: string;
  readonly target: HabitTarget;
  readonly configured: boolean;
  readonly done: readonly IsoDate[];
  readonly total: number;
  /** Daily habits: in days; weekly habits: in weeks (see `currentWeeks`). */
  readonly currentStreak: Stretch;
  readonly longestStreak: Stretch;
  readonly currentWeeks: WeekStretch;
  readonly longestWeeks: WeekStretch;
  /** Loop Habit Tracker's strength, 0 to 1, as of today. */
  readonly score: number;
  /** The strength at the end of each ISO week, oldest first. */
  readonly scoreByWeek: readonly { readonly week: IsoWeek; readonly score: number }[];
  /**
   * Days with the habit per ISO week, for weekly targets: the week's target
   * scaled to its days that are not rest days (0: a week of rest, which
   * neither breaks nor lengthens a week streak), and its rest days without the habit.
   */
  readonly perWeek: readonly { readonly week: IsoWeek; readonly days: number; readonly met: boolean; readonly target: number; readonly restDays: number }[];
}

/** One calendar year. */
export interface YearSummary {
  readonly year: number;
  readonly wins: number;
  readonly winDays: number;
  readonly months: readonly { readonly month: number; readonly wins: number; readonly winDays: number }[];
}

/** The headline numbers. */
export interface Summary {
  readonly today: IsoDate;
  readonly currentStreak: Stretch;
  readonly longestStreak: Stretch;
  readonly neverMissTwice: Stretch;
  readonly totalWins: number;
  readonly winDays: number;
  /** Rest days without a win (§6), from the journal's first counted day to today. */
  readonly restDays: number;
  readonly comebacks: number;
  readonly longestGapBridged: number;
  readonly tasksDone: number;
  readonly tasksTotal: number;
  readonly first?: IsoDate;
  readonly last?: IsoDate;
  readonly nextStreakMilestone?: number;
  readonly nextTotalMilestone?: number;
}

/** Everything the site shows, computed from the journal, the config and today. */
export interface SiteModel {
  readonly config: Config;
  readonly today: IsoDate;
  readonly summary: Summary;
  /** Days with entries, oldest first. */
  readonly days: readonly DaySummary[];
  /** Weeks with any entry or reflection, oldest first. */
  readonly weeks: readonly WeekSummary[];
  /** The week holding today, whether or not it has entries. */
  readonly thisWeek: WeekSummary;
  readonly areas: readonly AreaSummary[];
  readonly habits: readonly HabitSummary[];
  readonly years: readonly YearSummary[];
  readonly milestones: readonly Milestone[];
  /** Every level-up, oldest first. */
  readonly levelUps: readonly LevelUp[];
  /**
   * The keys of `weeks`, `areas` and `habits`, known without summarizing them:
   * every day page links to its week, areas and habits, and a watch writes the
   * edited day's page before it makes the summaries.
   */
  readonly keys: { readonly weeks: readonly IsoWeek[]; readonly areas: readonly string[]; readonly habits: readonly string[] };
  /** Days of the same month and day in earlier years. */
  readonly onThisDay: readonly IsoDate[];
  /** Win count of every counted day, for heat maps. */
  readonly winsByDate: ReadonlyMap<IsoDate, number>;
  /** Every published tag, by key (nested tags after their parent). */
  readonly tags: readonly TagSummary[];
  /** Every rest day (§6) from the journal's first counted day to today: the config's and the entries'. */
  readonly rest: RestDays;
  /** Where the bodies' references lead, and each page's backlinks. */
  readonly links: Links;
  /** The weekly reflections that week pages show, in week order: known without summarizing the weeks. */
  readonly reflections: readonly WeekFile[];
}
