import type { PublishMode } from "../config/schema.js";
import { mayPublish, type TextKind } from "../model/privacy.js";
import type { DayBody, DaySummary, Reflection, Text, WeekSummary } from "../model/site.js";

export { mayPublish, type TextKind } from "../model/privacy.js";

/** The text when it may be published, else null (the page shows a placeholder). */
export function published(mode: PublishMode, kind: TextKind, text: Text): string | null {
  return mayPublish(mode, kind, text.private) ? text.text : null;
}

/** The texts among these that may be published, in order (did-well notes, planned tasks). */
export function publishedNotes(mode: PublishMode, texts: readonly Text[]): string[] {
  return texts.flatMap((t) => (mayPublish(mode, "note", t.private) ? [t.text] : []));
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
