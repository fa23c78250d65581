// Search in a real browser (Chromium through playwright-core, the one the
// tests drive): a synthetic journal is built, search.html is opened from
// file://, and the page times, over several fresh pages:
//
// - load: from the first focus of the search field to the index's directory
//   being ready (search/search.js and search/index.js loaded and read);
// - first query: a word's shard loaded and the query answered;
// - query: the same queries again, answered from loaded shards (what each
//   keystroke costs), and the worst of them;
// - shown: a query typed into the field until its results and snippets are
//   on the page (the month files loaded).
//
// With --throttle N the CPU is slowed N times (Chrome's CPU throttling; 4 is
// a mid-range phone). A benchmark, not a test: it prints figures, it checks nothing.
//
//   node bench/search-browser.mjs                    # 10,000 entries, 20,000 words, throttle 1 and 4
//   node bench/search-browser.mjs --entries 1000 --runs 3 --throttle 1
/* global document, window -- the page.evaluate callback runs in the page */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { generateJournal } from "./generate.mjs";
import { searchFigures, size } from "./search.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, "..", "dist", "cli.js");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const entries = Number(option("entries", "10000"));
const words = Number(option("words", "20000"));
const runs = Number(option("runs", "3"));
const throttles = option("throttle", "1,4").split(",").map(Number);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (t) => (t >= 1000 ? `${(t / 1000).toFixed(2)} s` : t >= 10 ? `${Math.round(t)} ms` : `${t.toFixed(1)} ms`);

/** The Chromium the tests use: Debian's, or the one @sparticuz/chromium unpacked (test/helpers/chromium.ts), or unpacked now. */
async function chromiumPath() {
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  const prefix = "smallwins-chromium-";
  for (const name of await readdir(os.tmpdir())) {
    const binary = path.join(os.tmpdir(), name, "chromium");
    if (name.startsWith(prefix) && !name.includes(".partial-") && existsSync(binary)) return binary;
  }
  const { default: packaged } = await import("@sparticuz/chromium");
  return packaged.executablePath();
}

/** Queries: common and rare words of the journal, two words, a word being typed, and a filter. */
const QUERIES = [
  { q: "walked", what: "a common word" },
  { q: "progress shared", what: "two words" },
  { q: "st", what: "a word being typed (2 letters)" },
  { q: "listened", filters: { year: "2025" }, what: "a word in one year" },
];

const dir = path.join(os.tmpdir(), `smallwins-search-bench-${entries}`);
console.log(`search in Chromium: ${entries} entries, ${words} distinct words; Node ${process.version}, ${os.availableParallelism()} cores, load ${os.loadavg()[0].toFixed(1)}`);
const today = await generateJournal(dir, entries, { seed: 42, words });
const built = spawnSync(process.execPath, [cli, "build", "--today", today, "--no-cache"], { cwd: dir, encoding: "utf8" });
if (built.status !== 0) throw new Error(built.stderr);
const figures = await searchFigures(dir, today, 1);
console.log(
  `index: ${figures.files} files, ${size(figures.bytes)} (${size(figures.gz)} gzipped); client ${size(figures.clientGz)}, directory ${size(figures.directoryGz)}, ` +
    `${figures.shards} shards (median ${size(figures.shardMedianGz)}, largest ${size(figures.shardMaxGz)}) gzipped; made in ${ms(figures.coldMs)}, one edit ${ms(figures.editMs)}`,
);

const browser = await chromium.launch({ executablePath: await chromiumPath(), args: ["--headless", "--no-sandbox", "--disable-gpu"] });
try {
  const url = pathToFileURL(path.join(dir, "site", "search.html")).href;
  for (const throttle of throttles) {
    const samples = { load: [], first: [], query: [], worst: [], shown: [] };
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ offline: true });
      const page = await context.newPage();
      if (throttle > 1) await (await context.newCDPSession(page)).send("Emulation.setCPUThrottlingRate", { rate: throttle });
      await page.goto(url, { waitUntil: "load" });
      const result = await page.evaluate(async (queries) => {
        const until = (ok) =>
          new Promise((resolve) => {
            const look = () => (ok() ? resolve() : setTimeout(look, 1));
            look();
          });
        const field = document.querySelector("#search-query");
        let t0 = performance.now();
        field.focus();
        await until(() => window.smallwinsSearch && window.smallwinsSearch.engine && window.smallwinsSearch.engine.state.directory);
        const load = performance.now() - t0;
        const engine = window.smallwinsSearch.engine;
        const first = [];
        const again = [];
        for (const query of queries) {
          t0 = performance.now();
          await engine.prepare(query.q);
          const found = engine.match(query.q, query.filters || {});
          first.push(performance.now() - t0);
          t0 = performance.now();
          for (let i = 0; i < 5; i++) engine.match(query.q, query.filters || {});
          again.push({ what: query.what, q: query.q, ms: (performance.now() - t0) / 5, results: found.positions.length });
        }
        // A rare word: the term with the fewest postings among the shards loaded so far.
        let rare = null;
        for (const shard of Object.values(engine.state.shards)) {
          shard.terms.forEach((term, i) => {
            if (term.length > 3 && (rare === null || shard.postings[i].length < rare.length)) rare = { term, length: shard.postings[i].length };
          });
        }
        if (rare) {
          t0 = performance.now();
          for (let i = 0; i < 5; i++) engine.match(rare.term, {});
          again.push({ what: "a rare word", q: rare.term, ms: (performance.now() - t0) / 5, results: engine.match(rare.term, {}).positions.length });
        }
        // Typed into the field: until the first result's snippet is on the page.
        const status = document.querySelector("[data-search=page] [role=status]");
        status.textContent = "";
        t0 = performance.now();
        field.value = "cooked";
        field.dispatchEvent(new Event("input"));
        await until(() => status.textContent !== "" && document.querySelector("[data-search=page] .search-snippet"));
        const shown = performance.now() - t0;
        return { load, first, again, shown };
      }, QUERIES);
      samples.load.push(result.load);
      samples.first.push(median(result.first));
      samples.query.push(median(result.again.map((a) => a.ms)));
      samples.worst.push(Math.max(...result.again.map((a) => a.ms)));
      samples.shown.push(result.shown);
      if (run === 0) for (const a of result.again) console.log(`  throttle ${throttle}×: ${a.what} ("${a.q}"): ${a.results} results, ${ms(a.ms)} from loaded shards`);
      await context.close();
    }
    console.log(
      `throttle ${throttle}×: load ${ms(median(samples.load))}, first query (shard loaded) ${ms(median(samples.first))}, query ${ms(median(samples.query))} (worst ${ms(median(samples.worst))}), ` +
        `typed to results shown ${ms(median(samples.shown))}; medians of ${runs} pages`,
    );
  }
} finally {
  await browser.close();
  await rm(dir, { recursive: true, force: true });
}
