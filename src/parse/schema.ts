import { z } from "zod";

/** A slug: lower-case letters, digits and '-', starting with a letter or digit. */
export const SLUG = /^[a-z0-9][a-z0-9-]*$/;

/** The longest slug: a slug names a page (`areas/SLUG.html`), and it must stay a valid file name. */
export const MAX_SLUG_LENGTH = 64;

/** Slugs that would name the page listing them all: `areas/index.html`, `habits/index.html`. */
export const RESERVED_SLUGS: readonly string[] = ["index"];

/**
 * Why a slug that has the right letters still cannot name a page, if it cannot:
 * too long for a file name, or the name of a list page. `what` is how the
 * message names the value, e.g. "`wins[1].area`".
 */
export function slugProblem(slug: string, what: string): { message: string; hint: string } | undefined {
  if (slug.length > MAX_SLUG_LENGTH) {
    return { message: `${what} is ${slug.length} characters long; a slug has at most ${MAX_SLUG_LENGTH}`, hint: "use a short name, e.g. social-confidence" };
  }
  if (RESERVED_SLUGS.includes(slug)) {
    return { message: `${what}: \`${slug}\` is reserved for the page that lists them all`, hint: "choose another name, e.g. main or general" };
  }
  return undefined;
}

const slug = z.string().regex(SLUG);
const oneToFive = z.number().int().min(1).max(5);
const text = z.string().trim().min(1);
/** Blank optional fields (`mood:` with nothing after it) count as absent. */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish();

/** A win written as a mapping in front matter. */
export const winObjectSchema = z.object({
  text,
  area: optional(slug),
  level: optional(oneToFive),
  habit: optional(slug),
});

/** A win written as a plain text. */
export const winTextSchema = text;

/** A daily entry's front matter (§1). */
export const dayFrontMatterSchema = z.object({
  // Each win is checked on its own (see winSchema) so an error points at that win.
  wins: optional(z.array(z.unknown())),
  mood: optional(oneToFive),
  energy: optional(oneToFive),
  did_well: optional(text),
  tags: optional(z.union([text, z.array(text)])),
  private: optional(z.boolean()),
  date: optional(z.string()),
  // §6: true, false, or the reason in words ("sick day").
  rest: optional(z.union([z.boolean(), text])),
});

/** A weekly reflection's front matter (§1). */
export const weekFrontMatterSchema = z.object({
  rating: optional(oneToFive),
  focus: optional(slug),
  private: optional(z.boolean()),
});

/** The keys a daily entry's front matter may hold. */
export const DAY_KEYS = Object.keys(dayFrontMatterSchema.shape);
/** The keys a win mapping may hold. */
export const WIN_KEYS = Object.keys(winObjectSchema.shape);
/** The keys a weekly reflection's front matter may hold. */
export const WEEK_KEYS = Object.keys(weekFrontMatterSchema.shape);

/** What a field must be, in words, with a hint; keyed by a path pattern (`*` is any list index). */
const EXPECTATIONS: Record<string, { expect: string; hint: string }> = {
  wins: { expect: "a list of wins", hint: "write each win on its own line starting with '  - '" },
  "wins.*": {
    expect: "a win: a text, or a mapping with text, area, level and habit",
    hint: "write '- Made my bed', or '- text: Made my bed' with area/level/habit lines under it",
  },
  "wins.*.text": { expect: "a non-empty text", hint: "say what the win was, e.g. 'text: Asked one question'" },
  "wins.*.area": { expect: "a slug (lower-case letters, digits and '-')", hint: "e.g. 'area: work' or 'area: social-confidence'" },
  "wins.*.level": { expect: "a whole number from 1 to 5", hint: "1 is a tiny win (the default); raise it as the win gets harder" },
  "wins.*.habit": { expect: "a slug (lower-case letters, digits and '-')", hint: "use a habit name from smallwins.config.yaml, e.g. 'habit: meditate'" },
  mood: { expect: "a whole number from 1 to 5", hint: "1 is a low day, 5 a great one" },
  energy: { expect: "a whole number from 1 to 5", hint: "1 is drained, 5 is full of energy" },
  did_well: { expect: "a text", hint: "one thing you did well today, e.g. 'did_well: Stayed calm'" },
  tags: { expect: "a list of texts", hint: "e.g. 'tags: [confidence, work]'" },
  "tags.*": { expect: "a text", hint: "e.g. 'tags: [confidence, work]'" },
  private: { expect: "true or false", hint: "write 'private: true' to keep this file's text off the site (YAML 1.2: yes/no are text)" },
  date: { expect: "a date written YYYY-MM-DD", hint: "write the date as in the file name, e.g. 'date: 2026-11-21'" },
  rest: { expect: "true, false or a reason in words", hint: "write 'rest: true' for a planned rest day, or the reason, e.g. 'rest: sick day'" },
  rating: { expect: "a whole number from 1 to 5", hint: "how the week felt: 1 hard, 5 great" },
  focus: { expect: "an area slug (lower-case letters, digits and '-')", hint: "the area to focus on next week, e.g. 'focus: social'" },
};

/** The words for what a value at `path` must be. */
export function expectationFor(path: readonly (string | number)[]): { expect: string; hint: string } {
  const pattern = path.map((p) => (typeof p === "number" ? "*" : p)).join(".");
  return EXPECTATIONS[pattern] ?? { expect: "a valid value", hint: "see the journal format in docs/journal.md" };
}

/** Writes a data path the way a user reads it: `wins[2].level` (1-based). */
export function describePath(path: readonly (string | number)[]): string {
  let out = "";
  for (const step of path) out += typeof step === "number" ? `[${step + 1}]` : out === "" ? step : `.${step}`;
  return out;
}

/** Shows a bad value briefly in a message. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (typeof value === "string") return value.trim() === "" ? "an empty text" : JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return String(value);
}
