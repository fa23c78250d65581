import type { PublishMode } from "../config/schema.js";
import type { Text } from "../model/site.js";

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
