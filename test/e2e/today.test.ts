/**
 * "Today" without --today: the calendar date in the config's `timezone`, else
 * in the system's time zone (TZ). Expected values come from Intl and the clock,
 * the way a user would check them.
 */
import { describe, expect, it } from "vitest";
import { dateNowIn, runCli, useTempDirs, writeFiles } from "../helpers/cli.js";

const tempDir = useTempDirs();

/** Runs `stats --json` and returns its `today`, with the dates the zone had just before and just after. */
async function todayOf(root: string, zone: string, env: Record<string, string | undefined> = {}): Promise<{ today: string; around: string[] }> {
  const before = dateNowIn(zone);
  const result = await runCli(["stats", "--json"], { cwd: root, env });
  const after = dateNowIn(zone);
  expect(result.code, result.stderr).toBe(0);
  return { today: (JSON.parse(result.stdout) as { today: string }).today, around: [before, after] };
}

async function project(config?: string): Promise<string> {
  const root = await tempDir();
  await writeFiles(root, { "journal/.keep": "", ...(config === undefined ? {} : { "smallwins.config.yaml": config }) });
  return root;
}

describe("today from the config's timezone", () => {
  // UTC+14 and UTC-12 are 26 hours apart: their dates always differ.
  const EAST = "Pacific/Kiritimati";
  const WEST = "Etc/GMT+12";

  it("differs between Pacific/Kiritimati and Etc/GMT+12 and matches Intl for each", async () => {
    const east = await todayOf(await project(`timezone: ${EAST}\n`), EAST);
    const west = await todayOf(await project(`timezone: ${WEST}\n`), WEST);
    expect(east.around).toContain(east.today);
    expect(west.around).toContain(west.today);
    expect(east.today).not.toBe(west.today);
    expect(east.today > west.today).toBe(true);
  });

  it("does not depend on TZ when timezone is set", async () => {
    const root = await project(`timezone: ${EAST}\n`);
    const zones = [undefined, "UTC", "America/Los_Angeles", WEST, EAST];
    const results = await Promise.all(zones.map((TZ) => todayOf(root, EAST, { TZ })));
    for (const r of results) expect(r.around).toContain(r.today);
    expect(new Set(results.map((r) => r.today)).size).toBe(1);
  });

  it("is the system's time zone (TZ) when the config has none", async () => {
    const root = await project("title: No time zone\n");
    const east = await todayOf(root, EAST, { TZ: EAST });
    const west = await todayOf(root, WEST, { TZ: WEST });
    expect(east.around).toContain(east.today);
    expect(west.around).toContain(west.today);
    expect(east.today).not.toBe(west.today);
  });

  it("--today wins over the time zone", async () => {
    const root = await project(`timezone: ${EAST}\n`);
    const result = await runCli(["stats", "--json", "--today", "2026-02-28"], { cwd: root, env: { TZ: WEST } });
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { today: string }).today).toBe("2026-02-28");
  });

  it("an unknown time zone is a config error at its value", async () => {
    const root = await project("title: x\ntimezone: Mars/Olympus_Mons\n");
    const result = await runCli(["check"], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^smallwins\.config\.yaml:2:11: error: .*timezone/m);
  });
});
