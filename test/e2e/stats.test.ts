/**
 * `smallwins stats --json` on a hand-made journal, every number worked out by
 * hand from SPEC §3 and §5.
 */
import { describe, expect, it } from "vitest";
import { runCli, useTempDirs, writeFiles } from "../helpers/cli.js";

const tempDir = useTempDirs();

const day = (wins: readonly string[], extra = ""): string => `---\nwins:\n${wins.map((w) => `  - ${w}`).join("\n")}\n${extra}---\n`;

/**
 * Calendar used below (ISO weeks, Monday to Sunday):
 *   2026-W48  Mon 23 Nov – Sun 29 Nov
 *   2026-W49  Mon 30 Nov – Sun 6 Dec
 *   2026-W50  Mon 7 Dec  – Sun 13 Dec
 *   2026-W51  Mon 14 Dec – Sun 20 Dec
 *   2026-W52  Mon 21 Dec – Sun 27 Dec
 *   2026-W53  Mon 28 Dec – Sun 3 Jan 2027 (1 January 2027 is a Friday, so this week belongs to 2026)
 *   2027-W01  Mon 4 Jan  – Sun 10 Jan
 * Today is Tuesday 2027-01-05, with no entry.
 *
 * date        wins  note
 * 2026-11-25    0   an entry with no wins (mood only): not a win day, before the first win day
 * 2026-12-01    2   first win day: not a comeback
 * 2026-12-02    1
 * 2026-12-03    1
 * 2026-12-05    1   comeback (missed 4 Dec)
 * 2026-12-06    3
 * 2026-12-09    1   comeback (missed 7, 8 Dec: breaks never-miss-twice)
 * 2026-12-10    3   two files: 1 win + (1 win and 1 checked task); an unchecked task is no win
 * 2026-12-11    1
 * 2026-12-20    1   comeback (missed 12-19 Dec)
 * 2026-12-23    1   comeback (missed 21, 22)
 * 2026-12-25    1   comeback (missed 24)
 * 2026-12-27    2   comeback (missed 26)
 * 2026-12-30    1   comeback (missed 28, 29)
 * 2026-12-31    1
 * 2027-01-01    2
 * 2027-01-03    1   comeback (missed 2 Jan)
 * 2027-01-04    1
 * 2027-01-06    5   after today: counted in no number (it would extend never-miss-twice to 6 Jan)
 * _drafts/2026-12-15.md with 4 wins is ignored; weeks/2026-W53.md is the week's reflection.
 */
const JOURNAL: Record<string, string> = {
  "journal/2026/11/2026-11-25.md": "---\nmood: 2\n---\nA slow day.\n",
  "journal/2026/12/2026-12-01.md": day(["Went for a run", "text: Spoke up in the planning meeting\n    area: work\n    level: 2"]),
  "journal/2026/12/2026-12-02.md": day(["Read ten pages"]),
  "journal/2026/12/2026-12-03.md": day(["Called Mum"], "mood: 4\n"),
  "journal/2026/12/2026-12-05.md": day(["Cleaned the kitchen"]),
  "journal/2026/12/2026-12-06.md": day(["Baked bread", "Fixed the bike", "text: Gave a short talk\n    area: work\n    level: 3"]),
  "journal/2026/12/2026-12-09.md": day(["Went for a walk"]),
  "journal/2026/12/2026-12-10.md": day(["Answered every email"]),
  "journal/2026/12/2026-12-10-evening.md": `${day(["Stretched for ten minutes"])}\n- [x] Paid the bills\n- [ ] Call the bank\n`,
  "journal/2026/12/2026-12-11.md": day(["Tidied the desk"]),
  "journal/2026/12/2026-12-20.md": day(["Went swimming"]),
  "journal/2026/12/2026-12-23.md": day(["Wrapped presents"]),
  "journal/2026/12/2026-12-25.md": day(["Cooked for the family"]),
  "journal/2026/12/2026-12-27.md": day(["Went for a run", "Wrote thank-you cards"]),
  // Flat in the journal folder: any sub-folder layout is fine.
  "journal/2026-12-30.md": day(["Planned the new year"]),
  "journal/2026/12/2026-12-31.md": day(["Stayed up for the fireworks"]),
  "journal/2027/01/2027-01-01.md": day(["Went for a new-year walk", "Called a friend"]),
  "journal/2027/01/2027-01-03.md": day(["Read a chapter"]),
  "journal/2027/01/2027-01-04.md": day(["Back at work on time"]),
  "journal/2027/01/2027-01-06.md": day(["a", "b", "c", "d", "e"]),
  "journal/_drafts/2026-12-15.md": day(["w", "x", "y", "z"]),
  "journal/weeks/2026-W53.md": "---\nrating: 4\nfocus: work\n---\nA good week to end the year.\n",
};

const TODAY = "2027-01-05";

const EXPECTED = {
  today: TODAY,
  // 3 and 4 January are win days, today has no win yet: the streak ends yesterday.
  currentStreak: 2,
  // Runs of 3 days: 1-3 Dec, 9-11 Dec, 30 Dec-1 Jan; the most recent wins the tie.
  longestStreak: { days: 3, from: "2026-12-30", to: "2027-01-01" },
  // Chains with no two missed days in a row: 1-6 Dec (6 days), 9-11 Dec (3), 20 Dec (1),
  // 23-27 Dec (5), 30 Dec-4 Jan (6); the most recent of the two 6-day chains wins.
  neverMissTwice: { days: 6, from: "2026-12-30", to: "2027-01-04" },
  totalWins: 24,
  winDays: 17,
  // §6: no rest days are configured or written here.
  restDays: 0,
  comebacks: 8,
  weeks: [
    { week: "2026-W48", wins: 0, winDays: 0 },
    { week: "2026-W49", wins: 8, winDays: 5 },
    { week: "2026-W50", wins: 5, winDays: 3 },
    { week: "2026-W51", wins: 1, winDays: 1 },
    { week: "2026-W52", wins: 4, winDays: 3 },
    { week: "2026-W53", wins: 5, winDays: 4 },
    { week: "2027-W01", wins: 1, winDays: 1 },
  ],
};

async function journal(extra: Record<string, string> = {}): Promise<string> {
  const root = await tempDir();
  await writeFiles(root, { ...JOURNAL, ...extra });
  return root;
}

describe("stats --json", () => {
  it("prints exactly the §5 object, every field as worked out by hand", async () => {
    const root = await journal();
    const result = await runCli(["stats", "--json", "--today", TODAY], { cwd: root });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(EXPECTED);
    // The entry after today is a warning (on stderr), not an error.
    expect(result.stderr).toMatch(/^journal\/2027\/01\/2027-01-06\.md:1:1: warning: /m);
    expect(result.stderr).not.toMatch(/: error: /);
  });

  it("puts 2026-12-31 and 2027-01-01 in 2026-W53, not in a 2027 week", async () => {
    const root = await journal();
    const result = await runCli(["stats", "--json", "--today", TODAY], { cwd: root });
    const weeks = (JSON.parse(result.stdout) as typeof EXPECTED).weeks.map((w) => w.week);
    expect(weeks).toContain("2026-W53");
    expect(weeks).not.toContain("2027-W53");
    expect(weeks.filter((w) => w.startsWith("2027"))).toEqual(["2027-W01"]);
  });

  it("prints the same bytes in every time zone", async () => {
    const root = await journal();
    const zones = ["America/Los_Angeles", "UTC", "Pacific/Kiritimati", "Asia/Kathmandu"];
    const results = await Promise.all(zones.map((TZ) => runCli(["stats", "--json", "--today", TODAY], { cwd: root, env: { TZ } })));
    for (const r of results) expect(r.code).toBe(0);
    expect(JSON.parse(results[0]!.stdout)).toEqual(EXPECTED);
    for (const r of results.slice(1)) expect(r.stdout).toBe(results[0]!.stdout);
  });

  it("counts the future entry once its day has come", async () => {
    // On 2027-01-06 the five wins count: 4 and 6 January are win days, 5 January is missed.
    const root = await journal();
    const result = await runCli(["stats", "--json", "--today", "2027-01-06"], { cwd: root });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      ...EXPECTED,
      today: "2027-01-06",
      currentStreak: 1,
      neverMissTwice: { days: 8, from: "2026-12-30", to: "2027-01-06" },
      totalWins: 29,
      winDays: 18,
      comebacks: 9,
      weeks: [...EXPECTED.weeks.slice(0, -1), { week: "2027-W01", wins: 6, winDays: 2 }],
    });
    expect(result.stderr).not.toMatch(/warning: .*after today/);
  });

  it("honours minWinsPerDay from the config", async () => {
    // Days with at least 2 wins: 1 Dec (2), 6 Dec (3), 10 Dec (3), 27 Dec (2), 1 Jan (2).
    const root = await journal({ "smallwins.config.yaml": "minWinsPerDay: 2\n" });
    const result = await runCli(["stats", "--json", "--today", TODAY], { cwd: root });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      today: TODAY,
      currentStreak: 0,
      longestStreak: { days: 1, from: "2027-01-01", to: "2027-01-01" },
      neverMissTwice: { days: 1, from: "2027-01-01", to: "2027-01-01" },
      totalWins: 24,
      winDays: 5,
      restDays: 0,
      comebacks: 4,
      weeks: [
        { week: "2026-W48", wins: 0, winDays: 0 },
        { week: "2026-W49", wins: 8, winDays: 2 },
        { week: "2026-W50", wins: 5, winDays: 1 },
        { week: "2026-W51", wins: 1, winDays: 0 },
        { week: "2026-W52", wins: 4, winDays: 1 },
        { week: "2026-W53", wins: 5, winDays: 1 },
        { week: "2027-W01", wins: 1, winDays: 0 },
      ],
    });
  });

  it("an empty journal gives zeros and empty stretches", async () => {
    const root = await tempDir();
    await writeFiles(root, { "journal/.keep": "" });
    const result = await runCli(["stats", "--json", "--today", TODAY], { cwd: root });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      today: TODAY,
      currentStreak: 0,
      longestStreak: { days: 0, from: null, to: null },
      neverMissTwice: { days: 0, from: null, to: null },
      totalWins: 0,
      winDays: 0,
      restDays: 0,
      comebacks: 0,
      weeks: [],
    });
  });

  it("keeps the streak over rest days (§6): a sick day, rest Sundays and a holiday, every number worked out by hand", async () => {
    const root = await tempDir();
    const win = (text: string): string => `---\nwins:\n  - ${text}\n---\n`;
    await writeFiles(root, {
      "smallwins.config.yaml": "rest:\n  weekdays: [sunday]\n  periods:\n    - { from: 2026-12-21, to: 2026-12-23, note: Holidays }\n",
      "journal/2026-12-17.md": win("Thu"),
      "journal/2026-12-18.md": win("Fri"),
      // Saturday a sick day, Sunday a rest weekday, Monday to Wednesday the holiday, with a win on Tuesday.
      "journal/2026-12-19.md": "---\nrest: sick day\n---\nIn bed.\n",
      "journal/2026-12-22.md": win("Tue, on holiday"),
      "journal/2026-12-24.md": win("Thu"),
      // Friday 25 missed.
      "journal/2026-12-26.md": win("Sat"),
      // Sunday 27 rest; today, Monday 28, has no win yet.
    });
    const result = await runCli(["stats", "--json", "--today", "2026-12-28"], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      today: "2026-12-28",
      // Saturday 26 after the one missed day, Friday; Sunday 27 is rest, so it lives on today.
      currentStreak: 1,
      // 17, 18, 22 and 24: four win days, rest days between them neither breaking nor lengthening it.
      longestStreak: { days: 4, from: "2026-12-17", to: "2026-12-24" },
      // One missed day (25) never breaks it: 17 to 26 is 10 calendar days.
      neverMissTwice: { days: 10, from: "2026-12-17", to: "2026-12-26" },
      totalWins: 5,
      winDays: 5,
      // 19 (sick), 20 (Sunday), 21 and 23 (holiday; 22 has a win), 27 (Sunday).
      restDays: 5,
      // Only Saturday 26, after Friday 25; Tuesday 22 after rest days only is none.
      comebacks: 1,
      weeks: [
        { week: "2026-W51", wins: 2, winDays: 2 },
        { week: "2026-W52", wins: 3, winDays: 3 },
      ],
    });
    const words = await runCli(["stats", "--today", "2026-12-28"], { cwd: root });
    expect(words.stdout).toMatch(/Rest days\s+5 \(planned rest keeps the streak\)/);
    expect(words.stdout).toMatch(/Longest streak\s+4 days \(2026-12-17 to 2026-12-24\)/);
  });
});

describe("stats in the terminal", () => {
  it("shows the streaks and totals in words", async () => {
    const root = await journal();
    const result = await runCli(["stats", "--today", TODAY], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Current streak\s+2 days \(2027-01-03 to 2027-01-04\)/);
    expect(result.stdout).toMatch(/Longest streak\s+3 days \(2026-12-30 to 2027-01-01\)/);
    expect(result.stdout).toMatch(/Total wins\s+24 on 17 win days/);
    // This week (2027-W01) so far: 4 January only; 2026-W53 had 5. A drop is said kindly (docs/site.md, Decisions).
    expect(result.stdout).toMatch(/This week\s+1 win on 1 of 7 days, 4 fewer than last week \(5\) — every win counts\n/);
  });
});
