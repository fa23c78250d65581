import type { PublishMode } from "../config/schema.js";

/** The kinds of journal text, from least to most personal. */
export type TextKind = "win" | "note";

/**
 * Whether a piece of journal text may be published: never from a private
 * file; win texts unless `publish: stats`; bodies, reflections, did-well notes,
 * the front matter's tags and planned tasks only with `publish: full`. A tag
 * written in a text is published with that text. Numbers are not text and
 * always count. The model asks it too: which tags have pages depends on it.
 */
export function mayPublish(mode: PublishMode, kind: TextKind, isPrivate: boolean): boolean {
  if (isPrivate) return false;
  if (mode === "full") return true;
  if (mode === "wins") return kind === "win";
  return false;
}
