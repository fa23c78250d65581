import { z } from "zod";
import { isTimeZone, readIsoDate, type IsoDate } from "../model/calendar.js";
import { diagnostic, type Diagnostic } from "../model/diagnostic.js";
import { closest } from "../model/suggest.js";
import type { YamlData } from "../parse/frontmatter.js";
import { SLUG, describePath, showValue, slugProblem } from "../parse/schema.js";

/** How often a habit is meant to happen. */
export type HabitTarget = { readonly kind: "daily" } | { readonly kind: "weekly"; readonly perWeek: number };

/** A habit from the config (§2, §3). */
export interface HabitConfig {
  readonly label: string;
  readonly cue?: string;
  readonly target: HabitTarget;
}

/** An area from the config. */
export interface AreaConfig {
  readonly label: string;
  /** A `#rgb` or `#rrggbb` colour. */
  readonly color?: string;
}

/** A planned stretch of rest days, both ends included (§6). */
export interface RestPeriod {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly note?: string;
}

/** Planned rest (§6): weekdays that are always rest days, and periods. */
export interface RestConfig {
  /** Lower-case English weekday names, e.g. `sunday`, in the week's order, each once. */
  readonly weekdays: readonly string[];
  readonly periods: readonly RestPeriod[];
}

/** What text of the journal reaches the site. */
export type PublishMode = "full" | "wins" | "stats";

/** How photos beside entries are published (§6): wider ones resized to `maxWidth` pixels, the original published too only with `originals`. */
export interface ImagesConfig {
  readonly maxWidth: number;
  readonly originals: boolean;
}

/** The whole configuration, defaults filled in (§2). Paths are as written, resolved by the shell. */
export interface Config {
  readonly title: string;
  readonly author?: string;
  readonly journal: string;
  readonly out: string;
  readonly siteUrl?: string;
  /** Undefined means the system's time zone, which only the shell may ask for. */
  readonly timezone?: string;
  readonly weekStart: "monday" | "sunday";
  readonly minWinsPerDay: number;
  readonly publish: PublishMode;
  readonly areas: Readonly<Record<string, AreaConfig>>;
  readonly milestones: readonly number[];
  readonly templates?: string;
  readonly habits: Readonly<Record<string, HabitConfig>>;
  /** Planned rest days; absent when the config has none. */
  readonly rest?: RestConfig;
  readonly images: ImagesConfig;
}

/**
 * A map from slug to value with no prototype: looking up a slug such as
 * `constructor` or `__proto__` finds nothing instead of Object's own members.
 */
export function noPrototype<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** The configuration used when there is no config file. */
export const DEFAULT_CONFIG: Config = {
  title: "My small wins",
  journal: "journal",
  out: "site",
  weekStart: "monday",
  minWinsPerDay: 1,
  publish: "full",
  areas: noPrototype(),
  milestones: [7, 21, 30, 66, 90, 100, 365],
  habits: noPrototype(),
  images: { maxWidth: 1600, originals: false },
};

const text = z.string().trim().min(1);
const REST_HINT = "e.g. 'rest: { weekdays: [sunday], periods: [{ from: 2026-12-20, to: 2027-01-02, note: Holidays }] }'";
const HEX_COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const TARGET = /^(?:daily|weekly|([1-7])\s*\/\s*week)$/;

const areaSchema = z.object({ label: text.optional(), color: z.string().regex(HEX_COLOR).optional() });
const habitSchema = z.object({ label: text.optional(), cue: text.optional(), target: z.string().regex(TARGET).optional() });

const FIELDS = {
  title: { schema: text, expect: "a non-empty text", hint: "e.g. 'title: My small wins'" },
  author: { schema: text, expect: "a non-empty text", hint: "e.g. 'author: Sam'" },
  journal: { schema: text, expect: "a folder path", hint: "e.g. 'journal: journal'" },
  out: { schema: text, expect: "a folder path", hint: "e.g. 'out: site'" },
  siteUrl: {
    schema: z.string().regex(/^https?:\/\/[^\s/]+(?:\/\S*)?$/),
    expect: "an http or https URL",
    hint: "e.g. 'siteUrl: https://example.org/wins/'",
  },
  timezone: {
    schema: z.string().refine(isTimeZone),
    expect: "an IANA time zone",
    hint: "e.g. 'timezone: Europe/Berlin' or 'timezone: America/Los_Angeles'",
  },
  weekStart: { schema: z.enum(["monday", "sunday"]), expect: "monday or sunday", hint: "weeks are ISO weeks either way; this only changes how calendars are drawn" },
  minWinsPerDay: { schema: z.number().int().min(1), expect: "a whole number of at least 1", hint: "e.g. 'minWinsPerDay: 1'" },
  publish: { schema: z.enum(["full", "wins", "stats"]), expect: "full, wins or stats", hint: "full publishes everything, wins leaves out the bodies, stats only the numbers" },
  areas: { schema: z.record(z.string(), z.unknown()), expect: "a mapping of area slugs", hint: "e.g. 'areas: { work: { label: Work, color: \"#2a9d8f\" } }'" },
  milestones: {
    schema: z.array(z.number().int().min(1)),
    expect: "a list of whole numbers of days",
    item: "a whole number of days, at least 1",
    hint: "e.g. 'milestones: [7, 21, 30, 66, 90, 100, 365]'",
  },
  templates: { schema: text, expect: "a folder path", hint: "e.g. 'templates: my-templates'" },
  habits: { schema: z.record(z.string(), z.unknown()), expect: "a mapping of habit slugs", hint: "e.g. 'habits: { gym: { label: Go to the gym, target: 3/week } }'" },
  rest: { schema: z.record(z.string(), z.unknown()), expect: "a mapping with weekdays and periods", hint: REST_HINT },
  images: {
    schema: z.strictObject({ maxWidth: z.number().int().min(200).max(10000).optional(), originals: z.boolean().optional() }),
    expect: "a mapping of maxWidth (pixels, 200 to 10000) and originals (true or false)",
    hint: "e.g. 'images: { maxWidth: 1600, originals: false }'",
  },
} as const;

/** The keys a config may hold. */
export const CONFIG_KEYS: readonly string[] = Object.keys(FIELDS);

const AREA_FIELDS = {
  label: { expect: "a non-empty text", hint: "e.g. 'label: Work performance'" },
  color: { expect: "a colour written #rgb or #rrggbb", hint: "e.g. 'color: \"#2a9d8f\"' (quote it: # starts a YAML comment)" },
} as const;

const HABIT_FIELDS = {
  label: { expect: "a non-empty text", hint: "e.g. 'label: Meditate two minutes'" },
  cue: { expect: "a non-empty text", hint: "when you will do it, e.g. 'cue: After I pour my morning coffee'" },
  target: { expect: "daily or N/week (N from 1 to 7)", hint: "e.g. 'target: daily' or 'target: 3/week'" },
} as const;

/** Reads a habit target: `daily`, `weekly` (1/week) or `N/week`. */
export function readTarget(value: string): HabitTarget {
  const m = TARGET.exec(value);
  if (value === "daily" || !m) return { kind: "daily" };
  return { kind: "weekly", perWeek: m[1] ? Number(m[1]) : 1 };
}

/**
 * Validates config data (already parsed from YAML) into a full Config. Every
 * problem becomes a located error with a hint; a bad value falls back to its
 * default so that the rest can still be checked.
 */
export function validateConfig(data: unknown, file: string, yaml: YamlData | null): { config: Config; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const start = { line: 1, column: 1 };
  const error = (path: (string | number)[], message: string, hint: string, key = false): void => {
    const at = yaml ? (key ? yaml.keyPositionOf(path) : yaml.positionOf(path)) : start;
    diagnostics.push(diagnostic("error", file, at, message, hint));
  };
  if (data === null || data === undefined) return { config: DEFAULT_CONFIG, diagnostics };
  if (typeof data !== "object" || Array.isArray(data)) {
    error([], `the config must be a mapping of keys to values, not ${showValue(data)}`, "write one 'key: value' per line, e.g. 'title: My small wins'");
    return { config: DEFAULT_CONFIG, diagnostics };
  }
  const record = data as Record<string, unknown>;
  const known = [...CONFIG_KEYS];
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    // Own keys only: `constructor` or `toString` must be unknown keys, not Object's methods.
    const field = Object.hasOwn(FIELDS, key) ? FIELDS[key as keyof typeof FIELDS] : undefined;
    if (!field) {
      const guess = closest(key, known);
      error([key], guess ? `\`${key}\`: unknown key — did you mean \`${guess}\`?` : `\`${key}\`: unknown key`, guess ? `rename it to ${guess}` : `known keys: ${known.join(", ")}`, true);
      continue;
    }
    if (value === null) continue;
    const result = field.schema.safeParse(value);
    if (result.success) {
      // Areas and habits are read from the YAML's own mapping: a parsed record drops a
      // `__proto__` key silently, and every key there must be checked as a slug.
      values[key] = key === "areas" || key === "habits" || key === "rest" ? value : result.data;
      continue;
    }
    // A bad item of a list is shown where it is ("milestones[2]"), not as the whole list.
    const item = result.error.issues[0]?.path[0];
    if ("item" in field && typeof item === "number" && Array.isArray(value)) {
      error([key, item], `\`${describePath([key, item])}\` must be ${field.item}, not ${showValue(value[item])}`, field.hint);
    } else {
      error([key], `\`${key}\` must be ${field.expect}, not ${showValue(value)}`, field.hint);
    }
  }

  const areas = noPrototype<AreaConfig>();
  for (const [slug, raw] of Object.entries((values.areas ?? {}) as Record<string, unknown>)) {
    const area = readNamed(["areas", slug], raw ?? {}, areaSchema, AREA_FIELDS, error);
    if (area) areas[slug] = { label: area.label ?? slug, ...(area.color ? { color: area.color } : {}) };
  }
  const habits = noPrototype<HabitConfig>();
  for (const [slug, raw] of Object.entries((values.habits ?? {}) as Record<string, unknown>)) {
    const habit = readNamed(["habits", slug], raw ?? {}, habitSchema, HABIT_FIELDS, error);
    if (habit) habits[slug] = { label: habit.label ?? slug, ...(habit.cue ? { cue: habit.cue } : {}), target: readTarget(habit.target ?? "daily") };
  }

  const rest = values.rest === undefined ? undefined : readRest(values.rest as Record<string, unknown>, error);
  delete values.rest;

  const milestones = values.milestones as number[] | undefined;
  const siteUrl = values.siteUrl as string | undefined;
  const images = values.images as Partial<ImagesConfig> | undefined;
  const config: Config = {
    ...DEFAULT_CONFIG,
    ...(values as Partial<Config>),
    areas,
    habits,
    ...(rest ? { rest } : {}),
    ...(milestones ? { milestones: [...new Set(milestones)].sort((a, b) => a - b) } : {}),
    ...(siteUrl ? { siteUrl: siteUrl.endsWith("/") ? siteUrl : `${siteUrl}/` } : {}),
    images: { ...DEFAULT_CONFIG.images, ...images },
  };
  return { config, diagnostics };
}

type ErrorAt = (path: (string | number)[], message: string, hint: string, key?: boolean) => void;

const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
const REST_KEYS = ["weekdays", "periods"];
const PERIOD_KEYS = ["from", "to", "note"];
const PERIOD_HINT = "e.g. '- { from: 2026-12-20, to: 2027-01-02, note: Holidays }'";

/** An unknown key's error, with the closest known key when there is one. */
function unknownKey(path: (string | number)[], key: string, known: readonly string[], error: ErrorAt): void {
  const guess = closest(key, known);
  error([...path, key], guess ? `\`${key}\`: unknown key — did you mean \`${guess}\`?` : `\`${key}\`: unknown key`, guess ? `rename it to ${guess}` : `known keys: ${known.join(", ")}`, true);
}

/** The weekday a name means (any case), or the closest one for a hint. */
function readWeekday(value: unknown): { day: string } | { guess: string | undefined } {
  if (typeof value !== "string") return { guess: undefined };
  const name = value.trim().toLowerCase();
  if ((WEEKDAYS as readonly string[]).includes(name)) return { day: name };
  // "sun", "Tues": a prefix of one name is read as a typo of it, as is a near spelling.
  const prefixed = name.length >= 2 ? WEEKDAYS.filter((d) => d.startsWith(name)) : [];
  return { guess: prefixed.length === 1 ? prefixed[0] : closest(name, WEEKDAYS) };
}

/**
 * Reads `rest:` (§6): `weekdays`, a list of weekday names (or one name), and
 * `periods`, a list of `{ from, to, note }` with real dates, `from` not after
 * `to`. Periods may overlap. A bad weekday or period is an error and is left
 * out; the others still count.
 */
function readRest(raw: Record<string, unknown>, error: ErrorAt): RestConfig {
  const weekdays = new Set<string>();
  const periods: RestPeriod[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (!REST_KEYS.includes(key)) {
      unknownKey(["rest"], key, REST_KEYS, error);
      continue;
    }
    if (value === null) continue;
    if (key === "weekdays") {
      const list = typeof value === "string" ? [value] : Array.isArray(value) ? value : undefined;
      if (!list) {
        error(["rest", "weekdays"], `\`rest.weekdays\` must be a list of weekday names, not ${showValue(value)}`, "e.g. 'weekdays: [saturday, sunday]'");
        continue;
      }
      list.forEach((item, i) => {
        const path = typeof value === "string" ? ["rest", "weekdays"] : ["rest", "weekdays", i];
        const read = readWeekday(item);
        if ("day" in read) weekdays.add(read.day);
        else if (read.guess) error(path, `\`${describePath(path)}\`: ${showValue(item)} is not a weekday — did you mean \`${read.guess}\`?`, `write '${read.guess}'`);
        else error(path, `\`${describePath(path)}\` must be a weekday name, not ${showValue(item)}`, `write English weekday names: ${WEEKDAYS.join(", ")}`);
      });
      continue;
    }
    if (!Array.isArray(value)) {
      error(["rest", "periods"], `\`rest.periods\` must be a list of periods, not ${showValue(value)}`, PERIOD_HINT);
      continue;
    }
    value.forEach((item, i) => {
      const period = readPeriod(["rest", "periods", i], item, error);
      if (period) periods.push(period);
    });
  }
  return { weekdays: WEEKDAYS.filter((d) => weekdays.has(d)), periods };
}

/** One rest period, or undefined (with its errors reported) when it is not one. */
function readPeriod(path: (string | number)[], raw: unknown, error: ErrorAt): RestPeriod | undefined {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    error(path, `\`${describePath(path)}\` must be a period with from and to, not ${showValue(raw)}`, PERIOD_HINT);
    return undefined;
  }
  const record = raw as Record<string, unknown>;
  let ok = true;
  for (const key of Object.keys(record)) {
    if (PERIOD_KEYS.includes(key)) continue;
    unknownKey(path, key, PERIOD_KEYS, error);
    ok = false;
  }
  const dates: Partial<Record<"from" | "to", IsoDate>> = {};
  for (const end of ["from", "to"] as const) {
    const value = record[end];
    if (value === undefined || value === null) {
      error(path, `\`${describePath(path)}\` needs \`${end}\`: the ${end === "from" ? "first" : "last"} day of the rest, written YYYY-MM-DD`, `${PERIOD_HINT}; for one day, write the same date twice`);
      ok = false;
      continue;
    }
    const reading = typeof value === "string" ? readIsoDate(value.trim()) : undefined;
    if (!reading?.ok) {
      const where = `\`${describePath([...path, end])}\``;
      const message = reading && !reading.ok && /^no such /.test(reading.message) ? `${where}: ${reading.message}` : `${where} must be a date written YYYY-MM-DD, not ${showValue(value)}`;
      error([...path, end], message, `e.g. '${end}: ${end === "from" ? "2026-12-20" : "2027-01-02"}'`);
      ok = false;
      continue;
    }
    dates[end] = reading.date;
  }
  const note = record.note;
  if (note !== undefined && note !== null && (typeof note !== "string" || note.trim() === "")) {
    error([...path, "note"], `\`${describePath([...path, "note"])}\` must be a non-empty text, not ${showValue(note)}`, "what the rest is for, e.g. 'note: Holidays'");
    ok = false;
  }
  if (dates.from && dates.to && dates.from > dates.to) {
    error([...path, "to"], `\`${describePath(path)}\` ends on ${dates.to}, before it starts on ${dates.from}`, `swap them: 'from: ${dates.to}, to: ${dates.from}'`);
    ok = false;
  }
  if (!ok || !dates.from || !dates.to) return undefined;
  return { from: dates.from, to: dates.to, ...(typeof note === "string" ? { note: note.trim() } : {}) };
}

function readNamed<T extends z.ZodObject>(
  path: [string, string],
  raw: unknown,
  schema: T,
  fields: Record<string, { expect: string; hint: string }>,
  error: ErrorAt,
): z.infer<T> | undefined {
  const [, slug] = path;
  if (!SLUG.test(slug)) {
    error(path, `\`${slug}\` is not a slug`, "use lower-case letters, digits and '-', e.g. social-confidence", true);
    return undefined;
  }
  const problem = slugProblem(slug, `\`${describePath(path)}\``);
  if (problem) {
    error(path, problem.message, problem.hint, true);
    return undefined;
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    error(path, `\`${describePath(path)}\` must be a mapping, not ${showValue(raw)}`, `e.g. '${slug}: { label: ${slug} }'`);
    return undefined;
  }
  const known = Object.keys(fields);
  let ok = true;
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const field = Object.hasOwn(fields, key) ? fields[key] : undefined;
    if (!field) {
      const guess = closest(key, known);
      error([...path, key], guess ? `\`${key}\`: unknown key — did you mean \`${guess}\`?` : `\`${key}\`: unknown key`, guess ? `rename it to ${guess}` : `known keys: ${known.join(", ")}`, true);
      ok = false;
      continue;
    }
    const result = (schema.shape[key] as z.ZodType).safeParse(value);
    if (!result.success) {
      error([...path, key], `\`${describePath([...path, key])}\` must be ${field.expect}, not ${showValue(value)}`, field.hint);
      ok = false;
    }
  }
  if (!ok) return undefined;
  return schema.parse(raw) as z.infer<T>;
}
