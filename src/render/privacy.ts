import type { PublishMode } from "../config/schema.js";
import { mayPublish, type TextKind } from "../model/privacy.js";
import type { Text } from "../model/site.js";

export { mayPublish, type TextKind } from "../model/privacy.js";

/** The text when it may be published, else null (the page shows a placeholder). */
export function published(mode: PublishMode, kind: TextKind, text: Text): string | null {
  return mayPublish(mode, kind, text.private) ? text.text : null;
}
