/**
 * Metric fixtures: each `test/fixtures/metrics-<case>/` folder holds a small
 * journal (`*.md`, sub-folders allowed), an optional `config.json` (config
 * keys as in smallwins.config.yaml) and an `expected.json` whose values were
 * worked out by hand from the SPEC. `summary` is compared in full; the other
 * keys (`days`, `weeks`, `thisWeek`, `areas`, `habits`, `years`, `milestones`)
 * list every element but only the fields worth checking; `onThisDay` is
 * compared as a set; `diagnostics` in full (messages as substrings).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { REFLECTION_PROMPTS } from "../src/aggregate/site-model.js";
import { DEFAULT_CONFIG, validateConfig, type Config } from "../src/config/schema.js";
import type { IsoDate } from "../src/model/calendar.js";
import type { Milestone } from "../src/model/site.js";
import type { SourceFile } from "../src/parse/entry.js";
import { analyzeJournal } from "../src/pipeline.js";

const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));
const cases = readdirSync(FIXTURES)
  .filter((name) => name.startsWith("metrics-") && statSync(path.join(FIXTURES, name)).isDirectory())
  .sort();

interface ExpectedDiagnostic {
  readonly file: string;
  readonly severity: "error" | "warning";
  readonly line?: number;
  readonly column?: number;
  /** A part of the message. */
  readonly message: string;
}

interface Expected {
  readonly description: string;
  readonly today: string;
  readonly summary?: unknown;
  readonly days?: unknown[];
  readonly weeks?: unknown[];
  readonly thisWeek?: unknown;
  readonly areas?: unknown[];
  readonly habits?: unknown[];
  readonly years?: unknown[];
  readonly milestones?: Milestone[];
  readonly onThisDay?: string[];
  readonly diagnostics: ExpectedDiagnostic[];
}

/** Every `*.md` under a folder, relative paths with `/`, sorted. */
function markdownFiles(root: string, rel = ""): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(root, rel)).sort()) {
    const relPath = rel ? `${rel}/${name}` : name;
    if (statSync(path.join(root, relPath)).isDirectory()) out.push(...markdownFiles(root, relPath));
    else if (name.endsWith(".md")) out.push(relPath);
  }
  return out;
}

/** Expected values as matchers: fractions match to 9 places, "REFLECTION_PROMPTS" stands for the prompts. */
function matcher(value: unknown): unknown {
  if (typeof value === "number" && !Number.isInteger(value)) return expect.closeTo(value, 9);
  if (value === "REFLECTION_PROMPTS") return [...REFLECTION_PROMPTS];
  if (Array.isArray(value)) return value.map(matcher);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, matcher(v)]));
  return value;
}

function loadConfig(dir: string): Config {
  const file = path.join(dir, "config.json");
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return DEFAULT_CONFIG;
    throw error;
  }
  const { config, diagnostics } = validateConfig(data, "config.json", null);
  expect(diagnostics, "config.json is valid").toEqual([]);
  return config;
}

const byDateKindValue = (a: Milestone, b: Milestone): number => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.kind.localeCompare(b.kind) || a.value - b.value);

describe("metric fixtures", () => {
  it("has the fixture cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  it.each(cases)("%s", (name) => {
    const dir = path.join(FIXTURES, name);
    const expected = JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8")) as Expected;
    const config = loadConfig(dir);
    const sources: SourceFile[] = markdownFiles(dir).map((relPath) => ({ file: relPath, relPath, bytes: new Uint8Array(readFileSync(path.join(dir, relPath))) }));
    const { model, diagnostics } = analyzeJournal(sources, config, expected.today as IsoDate);

    expect(model.today).toBe(expected.today);
    if (expected.summary !== undefined) expect(model.summary).toEqual(matcher(expected.summary));
    if (expected.days !== undefined) expect(model.days).toMatchObject(matcher(expected.days) as object[]);
    if (expected.weeks !== undefined) expect(model.weeks).toMatchObject(matcher(expected.weeks) as object[]);
    if (expected.thisWeek !== undefined) expect(model.thisWeek).toMatchObject(matcher(expected.thisWeek) as object);
    if (expected.areas !== undefined) expect(model.areas).toMatchObject(matcher(expected.areas) as object[]);
    if (expected.habits !== undefined) expect(model.habits).toMatchObject(matcher(expected.habits) as object[]);
    if (expected.years !== undefined) expect(model.years).toMatchObject(matcher(expected.years) as object[]);
    if (expected.milestones !== undefined) expect([...model.milestones].sort(byDateKindValue)).toEqual([...expected.milestones].sort(byDateKindValue));
    if (expected.onThisDay !== undefined) expect([...model.onThisDay].sort()).toEqual([...expected.onThisDay].sort());
    expect(diagnostics).toMatchObject(expected.diagnostics.map((d) => ({ ...d, message: expect.stringContaining(d.message) })));
  });
});
