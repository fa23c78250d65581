/**
 * Config loading and validation (SPEC §2, §5), driven by fixture folders:
 * each `test/fixtures/config-<case>/` holds a config file (or none) and an
 * `expected.json` written by hand:
 *
 * ```json
 * {
 *   "options": { "journal", "out", "today", "config" },  // command-line options
 *   "now": "2026-11-21T12:00:00Z",                      // the clock's reading, optional
 *   "config": { ...the whole Config, defaults filled in },
 *   "diagnostics": [{ "severity", "line", "column", "message", "hint" }],  // substrings for message and hint
 *   "diagnosticsFile": "smallwins.config.yaml",          // optional, the path diagnostics show
 *   "formatted": ["smallwins.config.yaml:1:1: error: ..."],  // optional, verbatim lines
 *   "project": { "journalDir", "outDir", "templatesDir", "today", "timezone", "configFile" }  // paths relative to the folder
 * }
 * ```
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadProject, type ProjectOptions } from "../src/config/load.js";
import { DEFAULT_CONFIG, readTarget, validateConfig } from "../src/config/schema.js";
import { UsageError } from "../src/errors.js";
import { formatDiagnostic } from "../src/model/diagnostic.js";
import { parseYaml } from "../src/parse/frontmatter.js";

const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));

interface Expected {
  readonly options: { readonly journal?: string; readonly out?: string; readonly today?: string; readonly config?: string };
  readonly now?: string;
  readonly config: unknown;
  readonly diagnostics: readonly { severity: string; line: number; column: number; message: string; hint: string }[];
  readonly diagnosticsFile?: string;
  readonly formatted?: readonly string[];
  readonly project: {
    readonly journalDir: string;
    readonly outDir: string;
    readonly today: string;
    readonly templatesDir?: string;
    readonly timezone?: string;
    readonly configFile?: string | null;
  };
}

const cases = readdirSync(FIXTURES)
  .filter((name) => name.startsWith("config-"))
  .sort();

describe("config fixtures", () => {
  it("has the fixture folders this suite promises", () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  it.each(cases)("%s", async (name) => {
    const folder = path.join(FIXTURES, name);
    const expected = JSON.parse(readFileSync(path.join(folder, "expected.json"), "utf8")) as Expected;
    const options: ProjectOptions = {
      cwd: folder,
      ...expected.options,
      ...(expected.now !== undefined ? { now: new Date(expected.now) } : {}),
    };
    const project = await loadProject(options);

    expect(project.config).toEqual(expected.config);

    const file = expected.diagnosticsFile ?? "smallwins.config.yaml";
    expect(project.diagnostics.map((d) => ({ ...d }))).toEqual(
      expected.diagnostics.map((d) => ({
        severity: d.severity,
        file,
        line: d.line,
        column: d.column,
        message: expect.stringContaining(d.message),
        hint: expect.stringContaining(d.hint),
      })),
    );
    if (expected.formatted) expect(project.diagnostics.map(formatDiagnostic)).toEqual(expect.arrayContaining([...expected.formatted]));

    const rel = (p: string | undefined): string | undefined => (p === undefined ? undefined : path.relative(folder, p).split(path.sep).join("/"));
    const want = expected.project;
    expect(rel(project.journalDir)).toBe(want.journalDir);
    expect(rel(project.outDir)).toBe(want.outDir);
    expect(rel(project.templatesDir)).toBe(want.templatesDir);
    expect(project.today).toBe(want.today);
    if (want.timezone !== undefined) expect(project.timezone).toBe(want.timezone);
    if (want.configFile !== undefined) expect(rel(project.configFile)).toBe(want.configFile ?? undefined);
  });
});

describe("loadProject usage errors", () => {
  const folder = path.join(FIXTURES, "config-overrides");

  it("refuses --today 2026-02-30 with a UsageError that says why", async () => {
    const attempt = loadProject({ cwd: folder, today: "2026-02-30" });
    await expect(attempt).rejects.toBeInstanceOf(UsageError);
    await expect(attempt).rejects.toThrow("no such day: February has 28 days in 2026");
  });

  it.each(["21.11.2026", "2026-11-21T10:00", "tomorrow", ""])("refuses --today %j", async (today) => {
    await expect(loadProject({ cwd: folder, today })).rejects.toBeInstanceOf(UsageError);
  });

  it("refuses a --config file that does not exist", async () => {
    await expect(loadProject({ cwd: folder, config: "missing.yaml", today: "2026-11-21" })).rejects.toBeInstanceOf(UsageError);
  });

  it("takes --today over the clock and the time zone", async () => {
    // 23:30 UTC on 31 December is already 1 January in Auckland.
    const project = await loadProject({ cwd: path.join(FIXTURES, "config-all-keys"), now: new Date("2026-12-31T23:30:00Z"), today: "2026-12-31" });
    expect(project.today).toBe("2026-12-31");
    const clock = await loadProject({ cwd: path.join(FIXTURES, "config-all-keys"), now: new Date("2026-12-31T23:30:00Z") });
    expect(clock.today).toBe("2027-01-01");
  });
});

describe("validateConfig", () => {
  const check = (text: string): ReturnType<typeof validateConfig> => {
    const parsed = parseYaml(text);
    if (!parsed.ok) throw new Error(parsed.problem.message);
    return validateConfig(parsed.yaml.data, "smallwins.config.yaml", parsed.yaml);
  };

  it("gives the defaults for no data", () => {
    expect(validateConfig(null, "c.yaml", null)).toEqual({ config: DEFAULT_CONFIG, diagnostics: [] });
    expect(validateConfig(undefined, "c.yaml", null)).toEqual({ config: DEFAULT_CONFIG, diagnostics: [] });
  });

  it("places diagnostics at 1:1 when there is no YAML to locate them in", () => {
    const { diagnostics } = validateConfig({ titel: "x" }, "c.yaml", null);
    expect(diagnostics.map(formatDiagnostic)).toEqual(["c.yaml:1:1: error: `titel`: unknown key — did you mean `title`? (hint: rename it to title)"]);
  });

  it("keeps a trailing slash on siteUrl and adds one when missing", () => {
    expect(check("siteUrl: https://example.org/wins/\n").config.siteUrl).toBe("https://example.org/wins/");
    expect(check("siteUrl: http://localhost:8080\n").config.siteUrl).toBe("http://localhost:8080/");
  });

  it.each(["example.org/wins/", "https://", "javascript:alert(1)", "https://exa mple.org/"])("refuses siteUrl %j", (url) => {
    const { config, diagnostics } = check(`siteUrl: "${url}"\n`);
    expect(config.siteUrl).toBeUndefined();
    expect(diagnostics).toEqual([expect.objectContaining({ severity: "error", line: 1, column: 10, message: expect.stringContaining("http or https URL") })]);
  });

  it("checks every bad value, not just the first", () => {
    const { diagnostics } = check("weekStart: tuesday\npublish: all\nminWinsPerDay: -1\n");
    expect(diagnostics.map((d) => [d.line, d.column])).toEqual([
      [1, 12],
      [2, 10],
      [3, 16],
    ]);
  });
});

describe("readTarget", () => {
  it.each([
    ["daily", { kind: "daily" }],
    ["weekly", { kind: "weekly", perWeek: 1 }],
    ["1/week", { kind: "weekly", perWeek: 1 }],
    ["3/week", { kind: "weekly", perWeek: 3 }],
    ["7 / week", { kind: "weekly", perWeek: 7 }],
  ])("reads %j", (text, target) => {
    expect(readTarget(text)).toEqual(target);
  });
});
