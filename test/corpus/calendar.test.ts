/**
 * Corpus, calendar family: time zones from UTC-12 to UTC+14, DST changes
 * (also where midnight does not exist), leap days, ISO week 53 and week-year
 * boundaries, impossible dates, `date` against the file name, times and
 * offsets, entries after today, and "today" near midnight in the configured
 * zone. Each folder under test/corpus/calendar/ is one case; "today" comes from
 * `--today` or from a fixed clock reading (`now`), never from the machine.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { dateInTimeZone } from "../../src/model/calendar.js";
import { dateNowIn, runCli, useTempDirs, writeFiles } from "../helpers/cli.js";
import { caseTests, corpusCases, runsOf, useCorpusTempDirs } from "../helpers/corpus.js";

const cases = corpusCases("calendar");
const tempDir = useCorpusTempDirs();

describe("calendar corpus", () => {
  it("has the cases the issue asks for", () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  caseTests(cases, tempDir);

  it("agrees with Temporal on the date of every clock reading the cases use", () => {
    for (const c of cases) {
      const zone = /timezone: (\S+)/.exec(configOf(c.dir))?.[1];
      for (const run of runsOf(c.expected)) {
        if (run.now === undefined || zone === undefined) continue;
        const expected = Temporal.Instant.from(run.now).toZonedDateTimeISO(zone).toPlainDate().toString();
        expect(dateInTimeZone(new Date(run.now), zone), `${c.name} at ${run.now} in ${zone}`).toBe(expected);
        expect((run.stats as { today?: string } | undefined)?.today, `${c.name}: the case's today`).toBe(expected);
      }
    }
  });
});

/** A case's config text, or "" when it has none. */
function configOf(dir: string): string {
  return existsSync(path.join(dir, "smallwins.config.yaml")) ? readFileSync(path.join(dir, "smallwins.config.yaml"), "utf8") : "";
}

describe("the real binary, with the machine in another zone than the config", () => {
  const tempDirs = useTempDirs();

  // UTC+14 and UTC-12 are 26 hours apart: their dates differ at every instant,
  // so a binary that used the machine's zone could never pass by luck.
  it("takes today from the configured zone (Pacific/Kiritimati) while TZ is Etc/GMT+12", async () => {
    const root = await tempDirs("smallwins-corpus-tz-");
    await writeFiles(root, {
      "smallwins.config.yaml": "timezone: Pacific/Kiritimati\n",
      "journal/2026-11-21.md": "---\nwins: [One]\n---\n",
    });
    const before = dateNowIn("Pacific/Kiritimati");
    const result = await runCli(["stats", "--json"], { cwd: root, env: { TZ: "Etc/GMT+12" } });
    const after = dateNowIn("Pacific/Kiritimati");
    expect(result.code, result.stderr).toBe(0);
    const today = (JSON.parse(result.stdout) as { today: string }).today;
    expect([before, after]).toContain(today);
    expect(today).not.toBe(dateNowIn("Etc/GMT+12"));
  });

  it("takes today from the machine's zone when the config names none (TZ=Pacific/Kiritimati vs TZ=Etc/GMT+12)", async () => {
    const root = await tempDirs("smallwins-corpus-tz-");
    await writeFiles(root, { "journal/2026-11-21.md": "---\nwins: [One]\n---\n" });
    const [east, west] = await Promise.all(
      ["Pacific/Kiritimati", "Etc/GMT+12"].map(async (tz) => {
        const before = dateNowIn(tz);
        const result = await runCli(["stats", "--json"], { cwd: root, env: { TZ: tz } });
        expect(result.code, result.stderr).toBe(0);
        const today = (JSON.parse(result.stdout) as { today: string }).today;
        expect([before, dateNowIn(tz)]).toContain(today);
        return today;
      }),
    );
    expect(east).not.toBe(west);
  });
});
