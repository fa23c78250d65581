// The search index's part of `npm run bench`: how big the index of a journal
// is (all files, gzipped, and what a first search loads: the directory and one
// term shard), and the build time it adds: the index made from the model in
// this process, cold (as a build makes it) and after one edit (as a watch
// changes it), medians over several runs. The browser's side (loading the
// index, answering a query) is bench/search-browser.mjs.
import { gzipSync } from "node:zlib";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "dist");
const load = (rel) => import(pathToFileURL(path.join(dist, rel)).href);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Size and build-time figures of the search index of the journal in `dir`. */
export async function searchFigures(dir, today, runs = 3) {
  const { build } = await load("build.js");
  const { searchFiles, createSearchMemo } = await load("render/search/search-files.js");
  const result = await build({ cwd: dir, today });
  const model = result.model;
  const scripts = new Map(result.files.filter((f) => f.path === "search/boot.js" || f.path === "search/search.js").map((f) => [f.path, f.contents]));
  const cold = [];
  let files = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    files = searchFiles(model, scripts);
    cold.push(performance.now() - t0);
  }
  // One edit in a watch: a day's summary replaced (a win added); the memo re-makes its record and the shards it touches.
  const memo = createSearchMemo();
  searchFiles(model, scripts, memo);
  const edits = [];
  for (let i = 0; i < runs; i++) {
    const at = model.days.length - 1 - i * 7;
    const day = model.days[at];
    const edited = { ...day, wins: [...day.wins, { ...day.wins[0], text: `Bench edit ${i} zebrafinch` }] };
    const days = [...model.days];
    days[at] = edited;
    const t0 = performance.now();
    searchFiles({ ...model, days }, scripts, memo);
    edits.push(performance.now() - t0);
  }
  const index = files.filter((f) => !scripts.has(f.path));
  const gz = (f) => gzipSync(f.contents).length;
  const bytes = (f) => Buffer.byteLength(f.contents);
  const shards = index.filter((f) => f.path.startsWith("search/terms/")).map(gz).sort((a, b) => a - b);
  const directory = index.find((f) => f.path === "search/index.js");
  return {
    files: index.length,
    bytes: index.reduce((n, f) => n + bytes(f), 0),
    gz: index.reduce((n, f) => n + gz(f), 0),
    directoryGz: directory ? gz(directory) : 0,
    shards: shards.length,
    shardMedianGz: shards.length ? median(shards) : 0,
    shardMaxGz: shards.length ? shards[shards.length - 1] : 0,
    clientGz: [...scripts.values()].reduce((n, text) => n + gzipSync(text).length, 0),
    coldMs: median(cold),
    editMs: median(edits),
  };
}

/** A byte count in KB or MB. */
export const size = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} MB` : `${(n / 1e3).toFixed(1)} KB`);
