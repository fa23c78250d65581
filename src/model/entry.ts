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

/**
 * Where a tag was written, which decides when it is published (docs/site.md):
 * `tags` (the front matter's list) and `body` (the notes) are notes; `win` (a
 * front-matter win's text) and `task` (a checked task's text) are wins.
 */
export type TagSource = "tags" | "win" | "task" | "body";

/** One tag as an entry writes it: its name (no `#`, casing kept) and where. */
export interface TagUse {
  readonly name: string;
  readonly at: Place;
  readonly source: TagSource;
}

/**
 * A reference from a body to a page or a file, as written: a Markdown link or
 * image with a relative URL (`[text](2026-11-20.md)`, `![alt](photos/run.jpg)`,
 * reference-style ones too), a wikilink (`[[2026-11-20|yesterday]]`) or an
 * embed (`![[run.jpg|alt]]`). Its place in the body's HTML is a marker (see
 * src/model/body-html.ts) that the page stage fills once it is resolved.
 */
export interface Reference {
  /** `link` and `wikilink` wrap their text; `image` and `embed` stand alone. */
  readonly kind: "link" | "image" | "wikilink" | "embed";
  /** The URL as written (links, images), or the wikilink's target without its heading. */
  readonly target: string;
  /** A wikilink's `#heading` part. */
  readonly heading?: string;
  /** Where it is written in the file (for a reference-style link: its definition). */
  readonly at: Place;
  /** An image's or embed's alternative text. */
  readonly alt?: string;
  readonly title?: string;
  /** Inside a link's text: it may only become a picture or text, never a second link. */
  readonly inLink?: boolean;
  /** What an image or embed shows as text when it resolves to nothing. */
  readonly text?: string;
}

/** One daily entry file, parsed and validated. Several may share a date. */
export interface DayFile {
  readonly kind: "day";
  /** The file as the user knows it (relative to where the command runs). */
  readonly file: string;
  /** The file relative to the journal folder, with `/` separators: where its references resolve from. */
  readonly relPath: string;
  readonly date: IsoDate;
  readonly wins: readonly Win[];
  /** Unchecked tasks: planned, not done. */
  readonly planned: readonly string[];
  readonly tasksDone: number;
  readonly tasksTotal: number;
  readonly mood?: number;
  readonly energy?: number;
  readonly didWell?: string;
  /** The front matter's tags, then those in win texts, then the body's inline `#tags`, in the order written. */
  readonly tags: readonly TagUse[];
  readonly private: boolean;
  /** A planned rest day (§6): true, or the reason in words; absent for `rest: false` or no `rest:`. */
  readonly rest?: true | string;
  /** Sanitized HTML with a marker where each of `references` is (src/model/body-html.ts). */
  readonly bodyHtml: string;
  readonly bodyText: string;
  /** The body's links and embeds to pages and files, in the order of their markers. */
  readonly references: readonly Reference[];
}

/** One weekly reflection file, parsed and validated. */
export interface WeekFile {
  readonly kind: "week";
  readonly file: string;
  /** The file relative to the journal folder, with `/` separators. */
  readonly relPath: string;
  readonly week: IsoWeek;
  readonly rating?: number;
  readonly focus?: string;
  readonly focusAt?: Place;
  readonly private: boolean;
  /** Sanitized HTML with a marker where each of `references` is (src/model/body-html.ts). */
  readonly bodyHtml: string;
  readonly bodyText: string;
  /** The body's links and embeds to pages and files, in the order of their markers. */
  readonly references: readonly Reference[];
}

/** A journal file that parsed well enough to count. */
export type JournalFile = DayFile | WeekFile;
