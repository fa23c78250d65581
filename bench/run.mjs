// `npm run bench`: smallwins on seeded synthetic journals of several sizes.
// Cold build (no cache), warm build (cache present, a few entries changed),
// edit-to-page in `watch`, and peak memory; medians over several runs. When
// Hugo (Debian's `hugo`) or Eleventy (the dev dependency) is installed, the
// same journal is built by them in the same run and the ratios are printed.
//
//   npm run bench                       # sizes 1000,4000,10000,40000
//   npm run bench -- --sizes 1000,10000 --runs 5
//   npm run bench -- --settle 0         # do not wait after removing output folders
//   npm run bench -- --words 20000      # a journal of 20,000 distinct words (default: 33 everyday words)
//
// For each size it also reports the search index: its size (all of it, and
// what a first search loads) and the build time it adds (bench/search.mjs).
// Loading and querying it in a browser: node bench/search-browser.mjs.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile, cp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateJournal } from "./generate.mjs";
import { searchFigures, size as bytesText } from "./search.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const cli = path.join(root, "dist", "cli.js");
const measure = path.join(here, "measure.mjs");

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const sizes = option("sizes", "1000,4000,10000,40000").split(",").map(Number);
const runs = Number(option("runs", "3"));
const edits = Number(option("edits", "9"));
// Seconds to wait, after every tool's output folder is removed and the disk
// synced, before a round of cold builds. On ext4 without a journal (this
// machine's disk), creating a file steps over every inode freed in the last
// 60 seconds (300 while the freeing is not yet on disk): a build right after
// its output folder was removed paid up to seconds for that removal, by chance.
const settle = Number(option("settle", "61"));
const others = !args.includes("--no-others");
const words = Number(option("words", "0"));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

/** Runs smallwins in a child process; returns wall time and the child's peak RSS in MiB. */
function runSmallwins(cwd, extra) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [measure, cli, ...extra], { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`smallwins failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const rss = Number(/maxRSS=(\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024;
  return { ms, rss };
}

function timeCommand(cmd, argv, cwd) {
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${(r.stderr || r.stdout).slice(-2000)}`);
  return performance.now() - t0;
}

async function touchEntries(dir, count, round) {
  const files = [];
  const journal = path.join(dir, "journal");
  for (const year of ["2026", "2025"]) {
    for (const month of ["10", "09", "08", "07"]) {
      const folder = path.join(journal, year, month);
      if (!existsSync(folder)) continue;
      for (const day of ["03", "07", "11", "15", "19", "23"]) {
        const file = path.join(folder, `${year}-${month}-${day}.md`);
        if (existsSync(file)) files.push(file);
      }
    }
  }
  const picked = files.slice(0, count);
  for (const file of picked) {
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace(/^wins:\n/m, `wins:\n  - Bench edit ${round}\n`));
  }
  return picked;
}

/** Starts `smallwins watch`, edits one entry at a time, and times each edit until its day page shows it. */
async function editToPage(dir, today, count) {
  const out = path.join(dir, "site-watch");
  const child = spawn(process.execPath, [cli, "watch", "--today", today, "--out", out], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", () => undefined);
  const until = async (cond, ms = 120_000) => {
    const end = Date.now() + ms;
    while (!(await cond())) {
      if (Date.now() > end) throw new Error(`timed out; watch said:\n${stdout.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 1));
    }
  };
  try {
    await until(() => stdout.includes("watching"));
    const [file] = await touchEntries(dir, 1, "warmup");
    const date = path.basename(file, ".md");
    const page = path.join(out, "days", `${date}.html`);
    const times = [];
    for (let i = 0; i < count + 1; i++) {
      const marker = `Edit marker ${i} ${Date.now()}`;
      const text = await readFile(file, "utf8");
      const next = text.replace(/^wins:\n( {2}- (Bench edit|Edit marker)[^\n]*\n)?/m, `wins:\n  - ${marker}\n`);
      const t0 = performance.now();
      await writeFile(file, next);
      await until(async () => (await readFile(page, "utf8").catch(() => "")).includes(marker));
      if (i > 0) times.push(performance.now() - t0); // the first edit warms the watcher up
      await new Promise((r) => setTimeout(r, 150));
    }
    return median(times);
  } finally {
    child.kill("SIGINT");
    await new Promise((r) => child.once("exit", r));
  }
}

/** A Hugo site over the same Markdown files, with minimal layouts; gives how to remove its output and time one build of it. */
async function hugoSite(dir) {
  const site = path.join(dir, "hugo");
  await rm(site, { recursive: true, force: true });
  await mkdir(path.join(site, "layouts", "_default"), { recursive: true });
  await cp(path.join(dir, "journal"), path.join(site, "content"), { recursive: true });
  await writeFile(path.join(site, "hugo.toml"), `baseURL = "/"\ntitle = "bench"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n[markup.goldmark.renderer]\nunsafe = false\n`);
  await writeFile(path.join(site, "layouts", "_default", "single.html"), `<!doctype html><title>{{ .Title }}</title><ul>{{ range .Params.wins }}<li>{{ . }}</li>{{ end }}</ul>{{ .Content }}`);
  await writeFile(path.join(site, "layouts", "_default", "list.html"), `<!doctype html><title>{{ .Title }}</title><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>`);
  return {
    clean: () => rm(path.join(site, "public"), { recursive: true, force: true }),
    build: () => timeCommand("hugo", ["--quiet", "-s", site], dir),
  };
}

/** Eleventy over the same Markdown files, with a minimal layout; gives how to remove its output and time one build of it. */
async function eleventySite(dir) {
  const site = path.join(dir, "eleventy");
  await rm(site, { recursive: true, force: true });
  await mkdir(path.join(site, "_includes"), { recursive: true });
  await cp(path.join(dir, "journal"), path.join(site, "src"), { recursive: true });
  await writeFile(path.join(site, "src", "src.json"), JSON.stringify({ layout: "day.njk" }));
  await writeFile(path.join(site, "_includes", "day.njk"), `<!doctype html><title>{{ page.fileSlug }}</title><ul>{% for w in wins %}<li>{{ w.text or w }}</li>{% endfor %}</ul>{{ content | safe }}`);
  await writeFile(path.join(site, "eleventy.config.mjs"), `export default function () { return { dir: { input: "src", includes: "../_includes", output: "_site" } }; }\n`);
  const bin = path.join(root, "node_modules", "@11ty", "eleventy", "cmd.cjs");
  return {
    clean: () => rm(path.join(site, "_site"), { recursive: true, force: true }),
    build: () => timeCommand(process.execPath, [bin, "--quiet"], site),
  };
}

const hasHugo = others && spawnSync("hugo", ["version"]).status === 0;
const hasEleventy = others && existsSync(path.join(root, "node_modules", "@11ty", "eleventy", "cmd.cjs"));
const rows = [];
const cpu = os.cpus()[0]?.model ?? "unknown CPU";
console.log(`smallwins bench: Node ${process.version}, ${os.availableParallelism()} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB; medians of ${runs} runs; edit-to-page median of ${edits} edits`);
console.log(`Hugo: ${hasHugo ? spawnSync("hugo", ["version"], { encoding: "utf8" }).stdout.split(" ")[1] : "not installed"}; Eleventy: ${hasEleventy ? "installed" : "not installed"}`);

for (const size of sizes) {
  const dir = path.join(os.tmpdir(), `smallwins-bench-${size}`);
  const today = await generateJournal(dir, size, { seed: 42, words });
  const site = path.join(dir, "site");
  const common = ["build", "--today", today, "--out", site];
  const cold = [];
  let rss = 0;
  // The other tools' builds alternate with smallwins' cold builds, run for run: on a
  // shared machine whose speed drifts, each ratio compares builds made side by side.
  const hugo = hasHugo ? { ...(await hugoSite(dir)), times: [] } : undefined;
  const eleventy = hasEleventy && size <= 10_000 ? { ...(await eleventySite(dir)), times: [] } : undefined;
  for (let i = 0; i < runs; i++) {
    // Every cold build starts with no output folder, and none pays for another's removal (see --settle).
    await rm(path.join(dir, ".smallwins-cache"), { recursive: true, force: true });
    await rm(site, { recursive: true, force: true });
    await hugo?.clean();
    await eleventy?.clean();
    spawnSync("sync");
    await new Promise((resolve) => setTimeout(resolve, settle * 1000));
    const r = runSmallwins(dir, [...common, "--no-cache"]);
    cold.push(r.ms);
    rss = Math.max(rss, r.rss);
    if (hugo) hugo.times.push(hugo.build());
    if (eleventy) eleventy.times.push(eleventy.build());
  }
  runSmallwins(dir, common); // writes the cache
  const warm = [];
  for (let i = 0; i < runs; i++) {
    await touchEntries(dir, 5, i);
    const r = runSmallwins(dir, common);
    warm.push(r.ms);
    rss = Math.max(rss, r.rss);
  }
  const edit = await editToPage(dir, today, edits);
  const search = await searchFigures(dir, today, runs);
  const row = { size, cold: median(cold), warm: median(warm), edit, rss, search };
  if (hugo) row.hugo = median(hugo.times);
  if (eleventy) row.eleventy = median(eleventy.times);
  rows.push(row);
  console.log(
    `${String(size).padStart(6)} entries: cold ${fmt(row.cold)}, warm ${fmt(row.warm)}, edit-to-page ${fmt(row.edit)}, peak ${Math.round(row.rss)} MiB` +
      (row.hugo ? `, Hugo ${fmt(row.hugo)}` : "") +
      (row.eleventy ? `, Eleventy ${fmt(row.eleventy)}` : ""),
  );
  console.log(
    `${" ".repeat(15)}search index: ${search.files} files, ${bytesText(search.bytes)} (${bytesText(search.gz)} gzipped); a first search loads the client ${bytesText(search.clientGz)}, ` +
      `the directory ${bytesText(search.directoryGz)} and a shard (median ${bytesText(search.shardMedianGz)}, largest ${bytesText(search.shardMaxGz)}) gzipped; ` +
      `adds ${fmt(search.coldMs)} to a build (${Math.round((100 * search.coldMs) / row.cold)}% of cold), ${fmt(search.editMs)} to an edit in watch`,
  );
  await rm(dir, { recursive: true, force: true });
}

console.log("\n| entries | cold | warm | edit → page | peak memory | Hugo | cold ÷ Hugo | warm ÷ Hugo | Eleventy | cold ÷ Eleventy | cold per 1k |");
console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const r of rows) {
  const ratio = (a, b) => (b ? `${(a / b).toFixed(2)}×` : "—");
  console.log(
    `| ${r.size} | ${fmt(r.cold)} | ${fmt(r.warm)} | ${fmt(r.edit)} | ${Math.round(r.rss)} MiB | ${r.hugo ? fmt(r.hugo) : "—"} | ${ratio(r.cold, r.hugo)} | ${ratio(r.warm, r.hugo)} | ${r.eleventy ? fmt(r.eleventy) : "—"} | ${ratio(r.cold, r.eleventy)} | ${fmt((r.cold / r.size) * 1000)} |`,
  );
}
console.log("\n| entries | search files | index | gzipped | first search loads (gz) | largest shard (gz) | build time added | edit in watch |");
console.log("|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const { size, search: s } of rows) {
  console.log(`| ${size} | ${s.files} | ${bytesText(s.bytes)} | ${bytesText(s.gz)} | ${bytesText(s.clientGz + s.directoryGz + s.shardMedianGz)} | ${bytesText(s.shardMaxGz)} | ${fmt(s.coldMs)} | ${fmt(s.editMs)} |`);
}
const ten = rows.find((r) => r.size === 10_000);
if (ten) {
  console.log("\nTargets at 10,000 entries:");
  const check = (ok, text) => console.log(`  ${ok === undefined ? "?" : ok ? "✓" : "✗"} ${text}`);
  check(ten.hugo ? ten.cold <= 3 * ten.hugo : undefined, `cold build ≤ 3× Hugo (${ten.hugo ? (ten.cold / ten.hugo).toFixed(2) + "×" : "Hugo not installed"})`);
  check(ten.eleventy ? ten.cold <= 0.75 * ten.eleventy : undefined, `cold build ≤ 0.75× Eleventy (${ten.eleventy ? (ten.cold / ten.eleventy).toFixed(2) + "×" : "Eleventy not installed"})`);
  check(ten.hugo ? ten.warm <= ten.hugo : undefined, `warm build ≤ Hugo's cold build (${ten.hugo ? (ten.warm / ten.hugo).toFixed(2) + "×" : "Hugo not installed"})`);
  check(ten.edit <= 50, `edit reaches its page in ≤ 50 ms (${fmt(ten.edit)})`);
  check(ten.rss <= 400, `peak memory ≤ 400 MiB (${Math.round(ten.rss)} MiB)`);
}
