/**
 * The incremental builder is correct by construction, so the test is simple
 * (STYLE.md "Incremental rebuilds"): after any random sequence of edits applied
 * through IncrementalBuilder.update, the output folder equals a clean `build`
 * of the same journal, byte for byte, as whole trees: the same files, the same
 * bytes, no page left behind, no empty folder, no temporary file.
 */
import { mkdtemp, realpath, rename, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IncrementalBuilder, type BuildReport, type ChangeSet } from "../../src/incremental.js";
import { writeFiles } from "../helpers/cli.js";
import { FIXTURE_CONFIG, TODAY, cleanBuild, dayEntry, readTree, treeDifferences, type DaySpec, type WinSpec } from "../helpers/watch.js";

/** Days the operations pick from: late October to after today, across two month folders. */
const DATES = ["2026-10-29", "2026-10-30", "2026-11-02", "2026-11-03", "2026-11-09", "2026-11-10", "2026-11-11", "2026-11-16", "2026-11-19", "2026-11-20", "2026-11-21", "2026-11-24"];
const WEEKS = ["2026-W44", "2026-W45", "2026-W46", "2026-W47"];
const SLUGS = ["walk", "evening", "b"];

/** A small starting journal (few pages keep 25 runs fast). */
const START: Readonly<Record<string, DaySpec>> = {
  "journal/2026/11/2026-11-03.md": { wins: [{ text: "Shipped it", area: "work" }, "Walked"], mood: 3, body: "Start." },
  "journal/2026/11/2026-11-10.md": { wins: [{ text: "Said hello", area: "social" }], mood: 4 },
  "journal/2026/11/2026-11-11.md": { wins: ["Cooked"], body: "Quiet." },
  "journal/2026/11/2026-11-20.md": { wins: [{ text: "Led the call", area: "work", level: 2 }], mood: 5 },
};

const winArb: fc.Arbitrary<WinSpec> = fc.oneof(
  fc.constantFrom("Walked", "Read a page", "Drank water", "Walked #outside"),
  fc.record({ text: fc.constantFrom("Asked a question", "Gave a talk", "Fixed a bug"), area: fc.constantFrom("work", "social", "health"), level: fc.integer({ min: 1, max: 3 }) }),
);
const winsArb = fc.array(winArb, { maxLength: 3 });
const moodArb = fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined });
// Tagged bodies: a tag page appears, moves between days, is renamed by a first use's casing, and goes with its nested folders.
// Links to days, files and weeks that edits create, rename and delete: each page's links and "Mentioned on" must follow.
const bodyArb = fc.constantFrom(
  "",
  "A short note.",
  "Two lines.\n\n- [x] Made the bed\n- [ ] Call the bank",
  "As on [[2026-11-03]] and [[2026-W46|that week]].",
  "See [[2026-11-11-walk]] and [the Friday](../10/2026-10-30.md).",
  "Back to [[2026-11-20-evening|the evening]], [[2026-11-19]] and [that day](2026-11-24-b.md).",
  "Calm. #Calm",
  "#health/sleep/deep and #calm",
  "- [x] Ran #Health/run",
);
// Tags and private files change what the search index holds (and its tag filter).
const tagsArb = fc.array(fc.constantFrom("gratitude", "health/sleep", "work"), { maxLength: 2 });
const specArb: fc.Arbitrary<DaySpec> = fc.record(
  { wins: winsArb, mood: fc.integer({ min: 1, max: 5 }), body: bodyArb, tags: tagsArb, private: fc.boolean() },
  { requiredKeys: ["wins", "body"] },
);
const pick = fc.nat({ max: 50 });

type Op =
  | { readonly kind: "create"; readonly date: string; readonly slug: string | null; readonly spec: DaySpec }
  | { readonly kind: "editWins"; readonly pick: number; readonly wins: readonly WinSpec[] }
  | { readonly kind: "editMood"; readonly pick: number; readonly mood: number | undefined }
  | { readonly kind: "editBody"; readonly pick: number; readonly body: string }
  | { readonly kind: "togglePrivate"; readonly pick: number }
  | { readonly kind: "delete"; readonly pick: number }
  | { readonly kind: "rename"; readonly pick: number; readonly slug: string }
  | { readonly kind: "reflection"; readonly week: string; readonly rating: number | null }
  | { readonly kind: "breakThenFix"; readonly pick: number }
  | { readonly kind: "break"; readonly pick: number }
  | { readonly kind: "moveFolder" }
  | { readonly kind: "deleteAll" };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("create" as const), date: fc.constantFrom(...DATES), slug: fc.option(fc.constantFrom(...SLUGS), { nil: null }), spec: specArb }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant("editWins" as const), pick, wins: winsArb }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("editMood" as const), pick, mood: moodArb }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("editBody" as const), pick, body: bodyArb }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("togglePrivate" as const), pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("delete" as const), pick }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("rename" as const), pick, slug: fc.constantFrom(...SLUGS) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("reflection" as const), week: fc.constantFrom(...WEEKS), rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("breakThenFix" as const), pick }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("break" as const), pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("moveFolder" as const) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("deleteAll" as const) }), weight: 1 },
);

/** The journal as the test knows it: relative path to the entry's fields (reflections: to their text). */
interface Journal {
  days: Map<string, DaySpec>;
  reflections: Map<string, string>;
  /** Files that hold an error right now. */
  broken: Set<string>;
}

/** Applies one operation to the files and the builder; returns the reports of the updates it made. */
async function apply(root: string, builder: IncrementalBuilder, journal: Journal, op: Op): Promise<BuildReport[]> {
  const abs = (rel: string): string => path.join(root, ...rel.split("/"));
  const write = async (rel: string, text: string): Promise<BuildReport> => {
    await writeFiles(root, { [rel]: text });
    return builder.update({ files: new Set([abs(rel)]) });
  };
  const existing = [...journal.days.keys()].sort();
  const chosen = existing.length ? existing[("pick" in op ? op.pick : 0) % existing.length]! : undefined;
  const save = async (rel: string, spec: DaySpec): Promise<BuildReport> => {
    journal.days.set(rel, spec);
    journal.broken.delete(rel);
    return write(rel, dayEntry(spec));
  };
  switch (op.kind) {
    case "create": {
      const [y, m] = op.date.split("-");
      const rel = `journal/${y}/${m}/${op.date}${op.slug ? `-${op.slug}` : ""}.md`;
      return [await save(rel, op.spec)];
    }
    case "editWins":
      return chosen ? [await save(chosen, { ...journal.days.get(chosen)!, wins: op.wins })] : [];
    case "editMood": {
      if (!chosen) return [];
      const spec: { -readonly [K in keyof DaySpec]: DaySpec[K] } = { ...journal.days.get(chosen)! };
      if (op.mood === undefined) delete spec.mood;
      else spec.mood = op.mood;
      return [await save(chosen, spec)];
    }
    case "editBody":
      return chosen ? [await save(chosen, { ...journal.days.get(chosen)!, body: op.body })] : [];
    case "togglePrivate": {
      if (!chosen) return [];
      const spec = journal.days.get(chosen)!;
      return [await save(chosen, { ...spec, private: !spec.private })];
    }
    case "delete": {
      if (!chosen) return [];
      await rm(abs(chosen));
      journal.days.delete(chosen);
      journal.broken.delete(chosen);
      return [await builder.update({ files: new Set([abs(chosen)]) })];
    }
    case "rename": {
      if (!chosen) return [];
      const base = path.posix.basename(chosen, ".md").slice(0, 10);
      const target = `${path.posix.dirname(chosen)}/${base}-${op.slug}.md`;
      if (target === chosen || journal.days.has(target)) return [];
      await rename(abs(chosen), abs(target));
      journal.days.set(target, journal.days.get(chosen)!);
      journal.days.delete(chosen);
      if (journal.broken.delete(chosen)) journal.broken.add(target);
      return [await builder.update({ files: new Set([abs(chosen), abs(target)]) })];
    }
    case "reflection": {
      const rel = `journal/weeks/${op.week}.md`;
      if (op.rating === null) {
        if (!journal.reflections.has(rel)) return [];
        await rm(abs(rel));
        journal.reflections.delete(rel);
        return [await builder.update({ files: new Set([abs(rel)]) })];
      }
      const text = `---\nrating: ${op.rating}\n---\nA week rated ${op.rating}.\n`;
      journal.reflections.set(rel, text);
      return [await write(rel, text)];
    }
    case "break":
    case "breakThenFix": {
      if (!chosen) return [];
      const spec = journal.days.get(chosen)!;
      const reports = [await write(chosen, dayEntry({ ...spec, mood: 9 }))];
      journal.broken.add(chosen);
      if (op.kind === "breakThenFix") reports.push(await save(chosen, { ...spec, wins: [...(spec.wins ?? []), "Fixed it"] }));
      return reports;
    }
    case "deleteAll": {
      // Like a checkout of a branch without entries: every day file goes at once.
      const gone = [...journal.days.keys()];
      for (const rel of gone) await rm(abs(rel));
      journal.days.clear();
      journal.broken.clear();
      return [await builder.update({ files: new Set(gone.map(abs)) })];
    }
    case "moveFolder": {
      const from = "journal/2026/11";
      const to = `journal/2026/11${"b".repeat(1 + [...journal.days.keys()].filter((k) => k.startsWith("journal/2026/11b")).length)}`;
      const moved = [...journal.days.keys(), ...journal.broken].filter((k) => k.startsWith(`${from}/`));
      if (moved.length === 0) return [];
      await rename(abs(from), abs(to));
      const renamed = (k: string): string => (k.startsWith(`${from}/`) ? `${to}/${k.slice(from.length + 1)}` : k);
      journal.days = new Map([...journal.days].map(([k, v]) => [renamed(k), v]));
      journal.broken = new Set([...journal.broken].map(renamed));
      // As the watcher reports it: the folder is gone, and the files under the new name were added.
      return [await builder.update({ files: new Set([...journal.days.keys()].filter((k) => k.startsWith(`${to}/`)).map(abs)), removedDirs: new Set([abs(from)]) })];
    }
  }
}

/**
 * Runs the operations on a fresh journal and checks the site equals a clean
 * build. With `cuts`, each update is asked, at each of its looks, whether a
 * newer change waits (the next answer of `cuts`; then no), as a watch is
 * while saves come fast; a last update with no change then does what the
 * cut-short ones left.
 */
async function runAndCompare(ops: readonly Op[], cuts?: boolean[]): Promise<void> {
  const root = await realpath(await mkdtemp(path.join(os.tmpdir(), "smallwins-property-")));
  try {
    await writeFiles(root, {
      "smallwins.config.yaml": FIXTURE_CONFIG,
      ...Object.fromEntries(Object.entries(START).map(([rel, spec]) => [rel, dayEntry(spec)])),
      "journal/weeks/2026-W45.md": "---\nrating: 3\n---\nFine.\n",
    });
    const journal: Journal = { days: new Map(Object.entries(START)), reflections: new Map([["journal/weeks/2026-W45.md", ""]]), broken: new Set() };
    const real = new IncrementalBuilder({ cwd: root, today: TODAY });
    const builder = cuts ? (Object.assign(Object.create(real) as IncrementalBuilder, { update: (changes: ChangeSet) => real.update(changes, { yieldTo: () => cuts.shift() ?? false }) })) : real;
    let last = await real.initial();
    for (const op of ops) {
      const reports = await apply(root, builder, journal, op);
      for (const report of reports) expect(report.ok).toBe(true);
      last = reports.at(-1) ?? last;
    }
    if (cuts) last = await real.update({ files: new Set() });
    const hasErrors = last.diagnostics.some((d) => d.severity === "error");
    expect(hasErrors).toBe(journal.broken.size > 0);
    if (hasErrors) return; // A broken file keeps its last good page: that site is not a clean build's.

    const clean = path.join(root, "clean");
    const { code, stderr } = await cleanBuild(root, clean);
    expect(code, stderr.join("\n")).toBe(0);
    expect(treeDifferences(await readTree(path.join(root, "site")), await readTree(clean))).toEqual([]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

describe("incremental rebuilds equal a clean build", () => {
  it("after any sequence of creates, edits, deletes, renames, private toggles, reflections and broken saves", { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 8 }), (ops) => runAndCompare(ops)),
      { numRuns: 25 },
    );
  });

  it("when updates are cut short for newer saves at any of their looks, once a last update has run", { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 6 }), fc.array(fc.boolean(), { maxLength: 12 }), (ops, cuts) => runAndCompare(ops, cuts)),
      { numRuns: 12 },
    );
  });
});
