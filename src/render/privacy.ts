import type { PublishMode } from "../config/schema.js";
import type { DayBody, DaySummary, Reflection, Text, WeekSummary } from "../model/site.js";

/** The kinds of journal text, from least to most personal. */
export type TextKind = "win" | "note";

/**
 * Whether a piece of journal text may be published: never from a private
 * file; win texts unless `publish: stats`; bodies, reflections, did-well notes,
 * tags and planned tasks only with `publish: full`. Numbers are not text and
 * always count.
 */
export function mayPublish(mode: PublishMode, kind: TextKind, isPrivate: boolean): boolean {
  if (isPrivate) return false;
  if (mode === "full") return true;
  if (mode === "wins") return kind === "win";
  return false;
}

/** The text when it may be published, else null (the page shows a placeholder). */
export function published(mode: PublishMode, kind: TextKind, text: Text): string | null {
  return mayPublish(mode, kind, text.private) ? text.text : null;
}

/** The texts among these that may be published, in order (did-well notes, planned tasks). */
export function publishedNotes(mode: PublishMode, texts: readonly Text[]): string[] {
  return texts.flatMap((t) => (mayPublish(mode, "note", t.private) ? [t.text] : []));
}

/** A day's tags as its page shows them: only with `publish: full`, and none on a private day (a private file's tags never reach the day's). */
export function publishedTags(mode: PublishMode, day: DaySummary): readonly string[] {
  return day.private || mode !== "full" ? [] : day.tags;
}

/** The bodies of a day's files that may be published. */
export function publishedBodies(mode: PublishMode, day: DaySummary): DayBody[] {
  return day.bodies.filter((b) => mayPublish(mode, "note", b.private));
}

/** A week's reflection when it may be published. */
export function publishedReflection(mode: PublishMode, week: WeekSummary): Reflection | undefined {
  const r = week.reflection;
  return r !== undefined && mayPublish(mode, "note", r.private) ? r : undefined;
}
