import type { IsoDate, IsoWeek } from "./calendar.js";

/** A 1-based place in a file. */
export interface Place {
  readonly line: number;
  readonly column: number;
}

/** One win, from front matter or from a checked task in the body. */
export interface Win {
  readonly text: string;
  readonly area?: string;
  /** 1 (tiny, the default) to 5. */
  readonly level: number;
  readonly habit?: string;
  readonly source: "front-matter" | "task";
  readonly at: Place;
}

/** One daily entry file, parsed and validated. Several may share a date. */
export interface DayFile {
  readonly kind: "day";
  /** The file as the user knows it (relative to where the command runs). */
  readonly file: string;
  readonly date: IsoDate;
  readonly wins: readonly Win[];
  /** Unchecked tasks: planned, not done. */
  readonly planned: readonly string[];
  readonly tasksDone: number;
  readonly tasksTotal: number;
  readonly mood?: number;
  readonly energy?: number;
  readonly didWell?: string;
  readonly tags: readonly string[];
  readonly private: boolean;
  /** A planned rest day (§6): true, or the reason in words; absent for `rest: false` or no `rest:`. */
  readonly rest?: true | string;
  readonly bodyHtml: string;
  readonly bodyText: string;
}

/** One weekly reflection file, parsed and validated. */
export interface WeekFile {
  readonly kind: "week";
  readonly file: string;
  readonly week: IsoWeek;
  readonly rating?: number;
  readonly focus?: string;
  readonly focusAt?: Place;
  readonly private: boolean;
  readonly bodyHtml: string;
  readonly bodyText: string;
}

/** A journal file that parsed well enough to count. */
export type JournalFile = DayFile | WeekFile;
