// Run by test/timezones.test.ts once per TZ value, as a separate process so the
// time zone really is the process's own. Prints, as one JSON object, everything
// the built smallwins (dist/, built by `npm test` before vitest runs) computes
// that a time-zone bug could change.
//
// usage: node tz-child.mjs PROJECT_ROOT FIXTURES_DIR
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import process from "node:process";
import { pathToFileURL } from "node:url";

const [root, fixturesDir] = process.argv.slice(2);
if (!root || !fixturesDir) throw new Error("usage: node tz-child.mjs PROJECT_ROOT FIXTURES_DIR");
const dist = (file) => import(pathToFileURL(path.join(root, "dist", file)).href);

const { analyzeJournal } = await dist("pipeline.js");
const { readJournal } = await dist("io/journal.js");
const { readOtherFiles } = await dist("io/published-files.js");
const { loadProject } = await dist("config/load.js");
const { validateConfig, DEFAULT_CONFIG } = await dist("config/schema.js");
const { dateInTimeZone, isoWeekOf, addDays } = await dist("model/calendar.js");

/** The parts of a model worth comparing between time zones. */
function project(analysis) {
  const m = analysis.model;
  return {
    today: m.today,
    summary: m.summary,
    days: m.days.map((d) => ({ date: d.date, week: d.week, wins: d.wins.length, isWinDay: d.isWinDay, future: d.future, streak: d.streak, comebackAfter: d.comebackAfter ?? null })),
    weeks: m.weeks.map((w) => ({ week: w.week, wins: w.wins, winDays: w.winDays, change: w.change, averageMood: w.averageMood ?? null, reflection: w.reflection?.file ?? null })),
    thisWeek: m.thisWeek.week,
    areas: m.areas.map((a) => ({ slug: a.slug, wins: a.wins, highestLevel: a.highestLevel, levelUps: a.levelUps.map((l) => [l.date, l.level]) })),
    habits: m.habits.map((h) => ({ slug: h.slug, total: h.total, score: h.score, currentStreak: h.currentStreak, longestStreak: h.longestStreak, currentWeeks: h.currentWeeks, longestWeeks: h.longestWeeks })),
    years: m.years.map((y) => ({ year: y.year, wins: y.wins, winDays: y.winDays })),
    milestones: m.milestones,
    onThisDay: m.onThisDay,
    diagnostics: analysis.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`),
  };
}

// 1. The sample journal with its config and a fixed today (as `--today 2026-11-21`).
const sample = await loadProject({ cwd: root, today: "2026-11-21" });
// With the journal's other files, as a build lists them: the sample's photos and PDF resolve.
const journal = project(analyzeJournal(await readJournal(sample.journalDir, root), sample.config, sample.today, readOtherFiles(sample.journalDir).list));

// 2. Without --today: today from a fixed instant, with the configured zone and with none.
const noConfigDir = path.join(fixturesDir, "metrics-empty");
const instants = ["2026-11-21T23:30:00Z", "2026-11-21T10:30:00Z"];
const clock = [];
for (const instant of instants) {
  const configured = await loadProject({ cwd: root, now: new Date(instant) });
  const unconfigured = await loadProject({ cwd: noConfigDir, now: new Date(instant) });
  clock.push({ instant, configured: { timezone: configured.timezone, today: configured.today }, systemDefault: { timezone: unconfigured.timezone, today: unconfigured.today } });
}

// 3. Every metric fixture, as test/metrics.test.ts runs it.
function markdownFiles(dir, rel = "") {
  const out = [];
  for (const name of readdirSync(path.join(dir, rel)).sort()) {
    const relPath = rel ? `${rel}/${name}` : name;
    if (statSync(path.join(dir, relPath)).isDirectory()) out.push(...markdownFiles(dir, relPath));
    else if (name.endsWith(".md")) out.push(relPath);
  }
  return out;
}
const fixtures = {};
for (const name of readdirSync(fixturesDir).filter((n) => n.startsWith("metrics-")).sort()) {
  const dir = path.join(fixturesDir, name);
  const { today } = JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8"));
  let config = DEFAULT_CONFIG;
  try {
    config = validateConfig(JSON.parse(readFileSync(path.join(dir, "config.json"), "utf8")), "config.json", null).config;
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
  }
  const sources = markdownFiles(dir).map((relPath) => ({ file: relPath, relPath, bytes: new Uint8Array(readFileSync(path.join(dir, relPath))) }));
  fixtures[name] = project(analyzeJournal(sources, config, today));
}

// 4. Calendar math on its own.
const calendar = {
  weeks: ["2026-12-31", "2027-01-01", "2027-01-04", "2026-03-08", "2026-03-29", "2026-10-25", "2026-11-01"].map((d) => [d, isoWeekOf(d), addDays(d, 1)]),
  zoned: instants.flatMap((i) => ["UTC", "America/Los_Angeles", "Pacific/Kiritimati", "Etc/GMT+12", "Australia/Lord_Howe"].map((tz) => [i, tz, dateInTimeZone(new Date(i), tz)])),
};

process.stdout.write(
  JSON.stringify({ tz: process.env.TZ ?? null, systemZone: Intl.DateTimeFormat().resolvedOptions().timeZone, journal, clock, fixtures, calendar }),
);
