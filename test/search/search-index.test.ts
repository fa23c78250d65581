/**
 * The search index (src/render/search/search-index.ts) read by the site's
 * own client (assets/search/search.js, run in a Node VM): what a query
 * finds, in which order, with which filters and snippets; which files a
 * search loads; and that an index changed record by record writes exactly
 * the files of one built at once, touching only the files an edit concerns.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recordId, type SearchRecord } from "../../src/render/search/records.js";
import { SPLIT_POSTINGS, SearchIndex } from "../../src/render/search/search-index.js";
import type { IsoDate } from "../../src/model/calendar.js";
import { loadClient, readIndex, termsOfTexts } from "../helpers/search.js";

const CLIENT = readFileSync(new URL("../../assets/search/search.js", import.meta.url), "utf8");

interface RecordSpec {
  readonly wins?: readonly string[];
  readonly didWell?: readonly string[];
  readonly tags?: readonly string[];
  readonly notes?: readonly string[];
  readonly areas?: readonly string[];
}

/** A day's record, as records.ts makes it from a day. */
function day(date: string, spec: RecordSpec): SearchRecord {
  return { id: recordId(date as IsoDate, false), key: date, label: `Day ${date}`, month: date.slice(0, 7), year: date.slice(0, 4), wins: spec.wins ?? [], didWell: spec.didWell ?? [], tags: spec.tags ?? [], notes: spec.notes ?? [], areas: spec.areas ?? [] };
}

/** A week's record: its reflection, under its Sunday, counted for its ISO week-year. */
function week(name: string, sunday: string, reflection: string): SearchRecord {
  return { id: recordId(sunday as IsoDate, true), key: name, label: `Week ${name}`, month: sunday.slice(0, 7), year: name.slice(0, 4), wins: [], didWell: [], tags: [], notes: [reflection], areas: [] };
}

/** The files of an index of these records, with the client beside them. */
function siteFiles(records: readonly SearchRecord[]): Map<string, string> {
  const index = new SearchIndex();
  for (const r of records) index.add(r);
  return new Map([["search/search.js", CLIENT], ...index.files().map((f): [string, string] => [f.path, f.contents])]);
}

const JOURNAL: SearchRecord[] = [
  day("2025-12-30", { wins: ["Ran 5 km in the snow"], areas: ["health"], tags: ["health/running"] }),
  week("2025-W53", "2026-01-04", "A quiet end of the year; the running went well."),
  day("2026-01-10", { wins: ["Café with Zoë", "Asked a question in the team meeting"], areas: ["social", "work"], tags: ["gratitude"] }),
  day("2026-02-14", { wins: ["Meetings all day, and I spoke up"], didWell: ["Kept calm in the meeting"], notes: ["Long day. The meeting ran over."], areas: ["work"] }),
  day("2026-03-01", { wins: ["Wrote the team newsletter"], notes: ["The team liked it. ".repeat(20) + "Meeting notes went out on time. " + "More words after. ".repeat(20)], areas: ["work"], tags: ["work/writing"] }),
  day("2026-03-02", { wins: ["Straße gefegt", "Жизнь хороша", "東京タワーに登った"], areas: ["home"] }),
];

describe("searching an index with the site's client", () => {
  const client = (): ReturnType<typeof loadClient> => loadClient(siteFiles(JOURNAL));
  const pages = async (text: string, filters = {}): Promise<string[]> => (await client().search(text, filters)).map((r) => r.page);

  it("finds a word in a win, a did-well note, a tag or a note, whatever its case or accents, newest first", async () => {
    expect(await pages("meeting")).toEqual(["days/2026-03-01.html", "days/2026-02-14.html", "days/2026-01-10.html"]);
    expect(await pages("CAFE zoe")).toEqual(["days/2026-01-10.html"]);
    expect(await pages("gratitude")).toEqual(["days/2026-01-10.html"]);
    expect(await pages("calm")).toEqual(["days/2026-02-14.html"]);
    expect(await pages("strasse")).toEqual(["days/2026-03-02.html"]);
    expect(await pages("жизнь")).toEqual(["days/2026-03-02.html"]);
    expect(await pages("東京")).toEqual(["days/2026-03-02.html"]);
    expect(await pages("quiet")).toEqual(["weeks/2025-W53.html"]);
  });

  it("needs every word, and takes the last one as the start of a word while it is typed", async () => {
    expect(await pages("5 km")).toEqual(["days/2025-12-30.html"]);
    expect(await pages("ran km")).toEqual(["days/2025-12-30.html"]);
    expect(await pages("ran snow meeting")).toEqual([]);
    expect(await pages("meet")).toEqual(["days/2026-03-01.html", "days/2026-02-14.html", "days/2026-01-10.html"]);
    expect(await pages("team meet")).toEqual(["days/2026-03-01.html", "days/2026-01-10.html"]);
    // After a space the word is whole; a word before the last is always whole; one character is never a start.
    expect(await pages("meet ")).toEqual([]);
    expect(await pages("meet team")).toEqual([]);
    expect(await pages("m")).toEqual([]);
    expect(await pages("nothingsuch")).toEqual([]);
    expect(await pages("")).toEqual([]);
  });

  it("puts the most relevant first when asked: a word in a win before a tag, a did-well note or a note, a whole word before a longer one", async () => {
    // 2026-01-10 has "meeting" in a win; 2026-02-14 "meeting" in a did-well note and "Meetings" (a longer word) in a win; 2026-03-01 only in a note.
    expect(await pages("meeting", { sort: "relevance" })).toEqual(["days/2026-01-10.html", "days/2026-02-14.html", "days/2026-03-01.html"]);
    expect(await pages("running")).toEqual(["weeks/2025-W53.html", "days/2025-12-30.html"]);
    expect(await pages("running", { sort: "relevance" })).toEqual(["days/2025-12-30.html", "weeks/2025-W53.html"]);
  });

  it("filters by area, by tag (a nested tag counts for its parent) and by year (a week by its ISO week-year)", async () => {
    expect(await pages("meeting", { area: "social" })).toEqual(["days/2026-01-10.html"]);
    expect(await pages("meeting", { area: "nosuch" })).toEqual([]);
    expect(await pages("", { tag: "work" })).toEqual(["days/2026-03-01.html"]);
    expect(await pages("", { tag: "health" })).toEqual(["days/2025-12-30.html"]);
    expect(await pages("", { tag: "health/running" })).toEqual(["days/2025-12-30.html"]);
    expect(await pages("running", { year: "2025" })).toEqual(["weeks/2025-W53.html", "days/2025-12-30.html"]);
    expect(await pages("", { year: "2026" })).toEqual(["days/2026-03-02.html", "days/2026-03-01.html", "days/2026-02-14.html", "days/2026-01-10.html"]);
    expect(await pages("", { area: "work", year: "2026", tag: "work" })).toEqual(["days/2026-03-01.html"]);
  });

  it("shows each result's label and a snippet with the words marked, cut around the first match", async () => {
    const results = await client().search("meeting");
    expect(results.map((r) => [r.label, r.snippet])).toEqual([
      ["Day 2026-03-01", "…liked it. The team liked it. The team liked it. [Meeting] notes went out on time. More words after. More words after. More words after. More words after. More words after. More words…"],
      // The text with the most words of the query: here the first that has the word (or a longer one: it is typed).
      ["Day 2026-02-14", "[Meetings] all day, and I spoke up"],
      ["Day 2026-01-10", "Asked a question in the team [meeting]"],
    ]);
    expect((await client().search("team meet")).map((r) => r.snippet)[1]).toBe("Asked a question in the [team] [meeting]");
    expect((await client().search("cafe"))[0]!.snippet).toBe("[Café] with Zoë");
  });

  it("loads the directory, the shards of the query's words and the months of the results, nothing else", async () => {
    const c = client();
    await c.search("meeting");
    expect(c.loaded).toEqual(["search/index.js", "search/terms/m.js", "search/months/2026-03.js", "search/months/2026-02.js", "search/months/2026-01.js"]);
    await c.search("meeting");
    expect(c.loaded).toHaveLength(5);
    await c.search("xylophone");
    expect(c.loaded, "no shard holds a word starting with x: nothing is loaded for it").toHaveLength(5);
  });

  it("splits a first letter's shard by two letters once it has more than SPLIT_POSTINGS postings, and the client follows", async () => {
    const many: SearchRecord[] = [];
    for (let i = 0; i <= SPLIT_POSTINGS; i++) {
      const date = new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10);
      many.push(day(date, { wins: [i % 2 ? "walked the dog" : "wrote a page", ...(i === 7 ? ["wobbled"] : [])] }));
    }
    const files = siteFiles(many);
    const shards = [...files.keys()].filter((f) => f.startsWith("search/terms/w")).sort();
    expect(shards).toEqual(["search/terms/wa.js", "search/terms/wo.js", "search/terms/wr.js"]);
    const c = loadClient(files);
    expect((await c.search("wobb")).map((r) => r.page)).toEqual(["days/2000-01-08.html"]);
    expect((await c.search("walked")).length).toBe(Math.floor((SPLIT_POSTINGS + 1) / 2));
    expect(c.loaded.filter((f) => f.includes("/terms/"))).toEqual(["search/terms/wo.js", "search/terms/wa.js"]);
  });
});

describe("the index's files", () => {
  it("hold each record's text in its month and exactly its terms in the shards", () => {
    const records = readIndex(siteFiles(JOURNAL));
    expect(records.map((r) => r.key)).toEqual(["2025-12-30", "2025-W53", "2026-01-10", "2026-02-14", "2026-03-01", "2026-03-02"]);
    for (const r of records) expect([...r.terms].sort()).toEqual([...termsOfTexts(r)].sort());
    expect(records.find((r) => r.key === "2025-W53")).toMatchObject({ month: "2026-01", year: "2025", notes: ["A quiet end of the year; the running went well."] });
    expect(records.find((r) => r.key === "2026-03-01")).toMatchObject({ areas: ["work"], facetTags: ["work", "work/writing"], year: "2026" });
  });

  it("are one call each, with a string or JSON literal: data, never code", () => {
    for (const [path, text] of siteFiles(JOURNAL)) {
      if (path === "search/search.js") continue;
      expect(text, path).toMatch(/^smallwinsSearch\.(directory|shard|month)\((["[{][\s\S]*)\);\n$/);
    }
  });
});

/** An edit: a day's record replaced, added or removed. */
type Edit = { readonly date: string; readonly spec: RecordSpec | null };

const WORDS = ["walked", "wrote", "meeting", "team", "café", "5", "km", "жизнь", "東京", "run", "ran", "running", "gratitude"];
const specArb: fc.Arbitrary<RecordSpec> = fc.record({
  wins: fc.array(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }).map((w) => w.join(" ")), { maxLength: 3 }),
  tags: fc.array(fc.constantFrom("gratitude", "health/sleep", "work"), { maxLength: 2 }),
  notes: fc.array(fc.constantFrom("A note.", "Ran 5 km.", "Team meeting ran late."), { maxLength: 1 }),
  areas: fc.array(fc.constantFrom("work", "health"), { maxLength: 2 }),
});
const editArb: fc.Arbitrary<Edit> = fc.record({
  date: fc.integer({ min: 0, max: 60 }).map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10)),
  spec: fc.option(specArb, { nil: null }),
});

describe("an index changed record by record", () => {
  it("writes exactly the files of an index built at once, after any edits", () => {
    fc.assert(
      fc.property(fc.array(editArb, { maxLength: 12 }), fc.array(editArb, { minLength: 1, maxLength: 12 }), (start, edits) => {
        const current = new Map<number, SearchRecord>();
        const index = new SearchIndex();
        const apply = (edit: Edit): void => {
          const id = recordId(edit.date as IsoDate, false);
          const before = current.get(id);
          const record = edit.spec ? day(edit.date, edit.spec) : undefined;
          // An edit replaces the record in place (as a watch does); a record removed and added again must give the same.
          if (before && record && edit.date.endsWith("2")) {
            index.remove(before);
            index.add(record);
          } else if (before && record) index.replace(before, record);
          else if (before) index.remove(before);
          else if (record) index.add(record);
          if (record) current.set(id, record);
          else current.delete(id);
        };
        start.forEach(apply);
        index.files();
        for (const edit of edits) {
          apply(edit);
          // Sometimes several edits between two writes, as a burst of saves gives.
          if (edit.date.endsWith("1")) continue;
          index.files();
        }
        const fresh = new SearchIndex();
        for (const r of [...current.values()].sort((a, b) => b.id - a.id)) fresh.add(r);
        expect(index.files()).toEqual(fresh.files());
      }),
      { numRuns: 200 },
    );
  });

  it("makes again only the directory, the edited record's month and the shards of the terms it gained or lost", () => {
    // (replace touches only the terms whose fields changed; the property above checks it writes what a fresh index does)
    const index = new SearchIndex();
    const records = JOURNAL.map((r) => ({ ...r }));
    for (const r of records) index.add(r);
    const before = new Map(index.files().map((f) => [f.path, f.contents]));
    const old = records[3]!;
    const edited = { ...old, wins: [...old.wins, "Baked bread"] };
    index.replace(old, edited);
    const after = new Map(index.files().map((f) => [f.path, f.contents]));
    const changed = [...after.keys()].filter((p) => after.get(p) !== before.get(p)).sort();
    expect(changed).toEqual(["search/index.js", "search/months/2026-02.js", "search/terms/b.js"]);
    expect([...before.keys()].sort()).toEqual([...after.keys()].filter((p) => p !== "search/terms/b.js").sort());
  });

  it("shifts nothing when a day is added before all others: ids come from dates", () => {
    const index = new SearchIndex();
    for (const r of JOURNAL) index.add(r);
    const before = new Map(index.files().map((f) => [f.path, f.contents]));
    index.add(day("2020-01-01", { wins: ["Zebra"] }));
    const after = new Map(index.files().map((f) => [f.path, f.contents]));
    const changed = [...after.keys()].filter((p) => after.get(p) !== before.get(p)).sort();
    expect(changed).toEqual(["search/index.js", "search/months/2020-01.js", "search/terms/z.js"]);
  });
});
