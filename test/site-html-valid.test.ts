/**
 * Valid HTML: html-validate (its recommended, document and accessibility
 * rules) over every .html file of the sample site, built by the real binary,
 * and of every build of the privacy corpus (each publish mode), so a page kind
 * added later is checked without anyone listing it here. Each build's
 * feed.xml must be well-formed Atom.
 */
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { HtmlValidate, StaticConfigLoader, type ConfigData, type Message, type ResolvedConfig } from "html-validate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSampleSite } from "./helpers/browser.js";
import { listFiles } from "./helpers/cli.js";
import { buildCase, caseFolder, corpusCases, runsOf, useCorpusTempDirs } from "./helpers/corpus.js";
import { parseAtom } from "./helpers/site.js";

const CONFIG: ConfigData = {
  root: true,
  extends: ["html-validate:recommended", "html-validate:document", "html-validate:a11y"],
  rules: {
    // The templates write `<!doctype html>`, as the HTML standard's own examples do; the rule
    // stays on so that every page keeps one spelling.
    "doctype-style": ["error", { style: "lowercase" }],
    // Subresource integrity guards a file fetched from someone else's server. The one
    // stylesheet is the site's own file, next to the page (and the user may replace it).
    "require-sri": ["error", { target: "crossorigin" }],
    // Inline style only where it carries data the stylesheet cannot know: an area's colour
    // (a custom property), a meter's fill, a chart's width bounds and a bar's colour.
    // Any other inline style is still an error.
    "no-inline-style": ["error", { allowVariables: true, allowedProperties: ["width", "min-width", "max-width", "fill"] }],
  },
};

/**
 * The static loader resolves the configuration again for every page (a fresh
 * element table, checked against its schema): two thirds of the validation
 * time. The configuration never changes here, so it is resolved once.
 */
class ResolvedOnceConfigLoader extends StaticConfigLoader {
  private resolved: ResolvedConfig | Promise<ResolvedConfig> | undefined;

  override getConfigFor(handle: string, configOverride?: ConfigData): ResolvedConfig | Promise<ResolvedConfig> {
    if (configOverride !== undefined) return super.getConfigFor(handle, configOverride);
    return (this.resolved ??= super.getConfigFor(handle));
  }
}

/** About 1.5 s of CPU for the sample site's 123 pages; the limit leaves room for a busy two-core machine. */
const VALIDATION_TIMEOUT = 120_000;

const validator = new HtmlValidate(new ResolvedOnceConfigLoader(CONFIG));

/** Every html-validate message for the .html files among `files`, one line each (`file:line:column rule: message`). */
async function validationProblems(files: ReadonlyMap<string, string>, label: string): Promise<string[]> {
  const problems: string[] = [];
  const pages = [...files.keys()].filter((rel) => rel.endsWith(".html")).sort();
  expect(pages.length, `${label} has no .html file`).toBeGreaterThan(0);
  for (const rel of pages) {
    const report = await validator.validateString(files.get(rel)!, `${label}/${rel}`);
    for (const result of report.results) {
      problems.push(...result.messages.map((m: Message) => `${result.filePath}:${String(m.line)}:${String(m.column)} ${m.ruleId}: ${m.message}`));
    }
  }
  return problems;
}

it("finds what the Nu checker found before the fix: aria-label on a <p>, which a screen reader may ignore", async () => {
  const page = '<!doctype html><html lang="en"><head><title>Areas</title></head><body><main><h1>Areas</h1><p aria-label="highest level 3 of 5">level 3</p></main></body></html>';
  expect(await validationProblems(new Map([["areas/index.html", page]]), "made-up")).toEqual([
    expect.stringMatching(/^made-up\/areas\/index\.html:1:\d+ aria-label-misuse: /),
  ]);
});

describe("the sample site (journal/ and smallwins.config.yaml, --today 2026-11-21)", () => {
  let siteDir: string | undefined;
  let files: Map<string, string> = new Map();

  beforeAll(async () => {
    siteDir = await buildSampleSite();
    const rels = await listFiles(siteDir);
    files = new Map(await Promise.all(rels.map(async (rel) => [rel, await readFile(path.join(siteDir!, ...rel.split("/")), "utf8")] as const)));
  }, 120_000);

  afterAll(async () => {
    if (siteDir !== undefined) await rm(siteDir, { recursive: true, force: true });
  });

  it("holds every page kind, so the check below covers them", () => {
    const kinds = new Set([...files.keys()].filter((rel) => rel.endsWith(".html")).map((rel) => (rel.includes("/") ? `${rel.split("/")[0]!}/` : rel)));
    expect([...kinds].sort()).toEqual(["404.html", "areas/", "days/", "habits/", "index.html", "milestones.html", "search.html", "tags/", "weeks/", "years/"]);
    for (const index of ["areas/index.html", "habits/index.html", "tags/index.html", "weeks/index.html"]) expect(files.has(index), index).toBe(true);
  });

  it("has no html-validate error on any page", { timeout: VALIDATION_TIMEOUT }, async () => {
    const problems = await validationProblems(files, "site");
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it("has a well-formed Atom feed", () => {
    expect(parseAtom(files.get("feed.xml")!).entries.length).toBeGreaterThan(0);
  });
});

describe("the privacy corpus, every run of every case", () => {
  const cases = corpusCases("privacy");
  const tempDir = useCorpusTempDirs();

  it("has cases to check", () => {
    expect(cases.length).toBeGreaterThanOrEqual(3);
  });

  it.each(cases.map((c) => [c.name, c] as const))("%s: no html-validate error on any page, and a well-formed feed", async (_name, c) => {
    const dir = await caseFolder(c, tempDir);
    const problems: string[] = [];
    for (const [i, run] of runsOf(c.expected).entries()) {
      const { files } = await buildCase(dir, run);
      problems.push(...(await validationProblems(files, `${c.name}#${String(i + 1)}${run.config ? ` (${run.config})` : ""}`)));
      parseAtom(files.get("feed.xml")!);
    }
    expect(problems, problems.join("\n")).toEqual([]);
  }, VALIDATION_TIMEOUT);
});
