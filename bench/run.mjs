// `npm run bench`: smallwins on seeded synthetic journals of several sizes
// (bench/generate.mjs: entries varied as people's are). Cold build (no
// cache), warm build (cache and current site present, five entries changed),
// CI build (cache present, no site: the Publish page's recipe, five entries
// changed), edit-to-page in `watch`, and peak memory; medians over several
// runs, with the child's CPU time (user + system) beside each wall time. When
// Hugo (Debian's `hugo`) or Eleventy (the dev dependency) is installed, the
// same journal is built by them in the same run, each build right after one
// of smallwins', and the ratios are printed, then each of issue 18's targets
// as met or missed.
//
//   npm run bench                       # sizes 365,1000,3650,10000,40000
//   npm run bench -- --sizes 1000,10000 --runs 5
//   npm run bench -- --settle 0         # do not wait after removing output folders
//   npm run bench -- --no-images        # a journal without pictures beside entries
//   npm run bench -- --words 20000      # a journal of 20,000 distinct words (default: everyday words)
//
// For each size it also reports the search index: its size (all of it, and
// what a first search loads) and the build time it adds (bench/search.mjs).
// Loading and querying it in a browser: node bench/search-browser.mjs.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cp, mkdir, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { imageSizeFromFile } from "image-size/fromFile";
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
const sizes = option("sizes", "365,1000,3650,10000,40000").split(",").map(Number);
const runs = Number(option("runs", "3"));
const edits = Number(option("edits", "9"));
/** Entries changed before each warm and CI build. */
const EDITED = 5;
const images = !args.includes("--no-images");
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

/**
 * CPU time (user + system, ms) of this process's children that have ended and
 * been waited for, from /proc (Linux; 0 elsewhere). Read before and after a
 * spawnSync, it gives that child's CPU time, threads included: on a machine
 * shared with other work, steadier than wall time.
 */
function childrenCpu() {
  try {
    // Fields after the command's name (which is in parentheses): cutime and cstime are the 14th and 15th.
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS;
  } catch {
    return 0;
  }
}
const TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout) || 100;

/** Runs a command to its end; gives its wall time and CPU time in ms, and what it printed. */
function timed(cmd, argv, cwd) {
  const cpu0 = childrenCpu();
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { ms: performance.now() - t0, cpu: childrenCpu() - cpu0, r };
}

/** Runs smallwins in a child process; returns wall and CPU time and the child's peak RSS in MiB. */
function runSmallwins(cwd, extra) {
  const { ms, cpu, r } = timed(process.execPath, [measure, cli, ...extra], cwd);
  // The bench journal has no errors: exit code 1 (journal errors) would mean the generator writes files smallwins refuses.
  if (r.status !== 0) throw new Error(`smallwins failed (${r.status}): ${(r.stdout + r.stderr).slice(-2000)}`);
  const rss = Number(/maxRSS=(\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024;
  return { ms, cpu, rss };
}

function timeCommand(cmd, argv, cwd) {
  const { ms, cpu, r } = timed(cmd, argv, cwd);
  if (r.status !== 0) throw new Error(`${cmd} failed: ${(r.stderr || r.stdout).slice(-2000)}`);
  return { ms, cpu };
}

/** Adds a win to `count` entries of recent months (the same ones each time); gives their paths. */
async function touchEntries(dir, count, round) {
  const files = [];
  const journal = path.join(dir, "journal");
  for (const year of ["2026", "2025"]) {
    for (const month of ["10", "09", "08", "07"]) {
      const folder = path.join(journal, year, month);
      if (!existsSync(folder)) continue;
      for (const day of ["03", "07", "11", "15", "19", "23"]) {
        const file = path.join(folder, `${year}-${month}-${day}.md`);
        // A private day's page shows no win text, so an edit to it could not be seen there.
        if (existsSync(file) && !/^private: true$/m.test(readFileSync(file, "utf8"))) files.push(file);
      }
    }
  }
  const picked = files.slice(0, count);
  for (const file of picked) {
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace(/^wins:( \[\])?\n/m, `wins:\n  - Bench edit ${round}\n`));
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
      const next = text.replace(/^wins:( \[\])?\n( {2}- (Bench edit|Edit marker)[^\n]*\n)?/m, `wins:\n  - ${marker}\n`);
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

/** Issue 18's targets: ratios to Hugo's cold build of the same journal in the same run, and absolute limits. */
const TARGETS = [
  { size: 1_000, text: "cold build ≤ 3× Hugo", value: (r) => r.hugo && r.cold.ms / r.hugo.ms, limit: 3, unit: "×" },
  { size: 10_000, text: "cold build ≤ 2.5× Hugo", value: (r) => r.hugo && r.cold.ms / r.hugo.ms, limit: 2.5, unit: "×" },
  { size: 1_000, text: "warm build ≤ 1× Hugo", value: (r) => r.hugo && r.warm.ms / r.hugo.ms, limit: 1, unit: "×" },
  { size: 10_000, text: "warm build ≤ 0.5× Hugo", value: (r) => r.hugo && r.warm.ms / r.hugo.ms, limit: 0.5, unit: "×" },
  { size: 10_000, text: "watch: edit → day page ≤ 25 ms (median)", value: (r) => r.edit, limit: 25, unit: " ms" },
  { size: 40_000, text: "watch: edit → day page ≤ 60 ms (median)", value: (r) => r.edit, limit: 60, unit: " ms" },
  { size: 10_000, text: "peak memory ≤ 300 MiB", value: (r) => r.rss, limit: 300, unit: " MiB" },
];

/** The median of timings, wall and CPU time apart. */
const medianRun = (xs) => ({ ms: median(xs.map((x) => x.ms)), cpu: median(xs.map((x) => x.cpu)) });
const fmtRun = (x) => `${fmt(x.ms)} (${fmt(x.cpu)} CPU)`;

for (const size of sizes) {
  const dir = path.join(os.tmpdir(), `smallwins-bench-${size}`);
  const today = await generateJournal(dir, size, { seed: 42, images, words });
  const site = path.join(dir, "site");
  const pictures = await picturesIn(path.join(dir, "journal"));
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
    cold.push(r);
    rss = Math.max(rss, r.rss);
    if (hugo) hugo.times.push(hugo.build());
    if (eleventy) eleventy.times.push(eleventy.build());
  }
  runSmallwins(dir, common); // writes the cache
  // Warm: the cache and the current site (whose unchanged pages the page cache carries over).
  // CI: the cache restored into a fresh checkout with no site, as the Publish page's recipe runs.
  // Each CI build runs in a project of its own (the same config, the journal by a
  // symlink) with a copy of the cache, so that it neither replaces the page cache
  // of the warm builds' site nor hides the edits from them.
  const warm = [];
  const ci = [];
  for (let i = 0; i < runs; i++) {
    await touchEntries(dir, EDITED, i);
    const checkout = path.join(dir, `ci-${i}`);
    await mkdir(checkout);
    await cp(path.join(dir, "smallwins.config.yaml"), path.join(checkout, "smallwins.config.yaml"));
    await symlink(path.join(dir, "journal"), path.join(checkout, "journal"));
    await cp(path.join(dir, ".smallwins-cache"), path.join(checkout, ".smallwins-cache"), { recursive: true });
    ci.push(runSmallwins(checkout, ["build", "--today", today, "--out", path.join(checkout, "site")]));
    const r = runSmallwins(dir, common);
    warm.push(r);
    rss = Math.max(rss, r.rss);
  }
  const edit = await editToPage(dir, today, edits);
  const search = await searchFigures(dir, today, runs);
  const row = { size, cold: medianRun(cold), warm: medianRun(warm), ci: medianRun(ci), edit, rss, search };
  if (hugo) row.hugo = medianRun(hugo.times);
  if (eleventy) row.eleventy = medianRun(eleventy.times);
  rows.push(row);
  console.log(
    `${String(size).padStart(6)} entries: cold ${fmtRun(row.cold)}, warm ${fmtRun(row.warm)}, CI ${fmtRun(row.ci)}, edit-to-page ${fmt(row.edit)}, peak ${Math.round(row.rss)} MiB` +
      (row.hugo ? `, Hugo ${fmtRun(row.hugo)}` : "") +
      (row.eleventy ? `, Eleventy ${fmtRun(row.eleventy)}` : ""),
  );
  console.log(
    `${" ".repeat(15)}search index: ${search.files} files, ${bytesText(search.bytes)} (${bytesText(search.gz)} gzipped); a first search loads the client ${bytesText(search.clientGz)}, ` +
      `the directory ${bytesText(search.directoryGz)} and a shard (median ${bytesText(search.shardMedianGz)}, largest ${bytesText(search.shardMaxGz)}) gzipped; ` +
      `adds ${fmt(search.coldMs)} to a build (${Math.round((100 * search.coldMs) / row.cold.ms)}% of cold), ${fmt(search.editMs)} to an edit in watch`,
  );
  if (pictures.count) console.log(`${" ".repeat(15)}pictures beside entries: ${pictures.count}, ${bytesText(pictures.bytes)}; ${pictures.wide} wider than 1600 px, resized by each cold build`);
  await rm(dir, { recursive: true, force: true });
}

/** The pictures in a journal: how many, their bytes, and how many a build resizes (wider than the default `images.maxWidth`, from their headers). */
async function picturesIn(journal) {
  const out = { count: 0, bytes: 0, wide: 0 };
  for (const entry of await readdir(journal, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(jpe?g|png)$/.test(entry.name)) continue;
    const { size } = await stat(path.join(entry.parentPath ?? entry.path, entry.name));
    out.count++;
    out.bytes += size;
    if ((await imageSizeFromFile(path.join(entry.parentPath ?? entry.path, entry.name))).width > 1600) out.wide++;
  }
  return out;
}

const ratio = (a, b) => (b ? `${(a.ms / b.ms).toFixed(2)}×` : "—");
console.log("\n| entries | cold (CPU) | warm (CPU) | CI warm (CPU) | edit → page | peak memory | Hugo (CPU) | cold ÷ Hugo | warm ÷ Hugo | CI ÷ Hugo | Eleventy | cold ÷ Eleventy |");
console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const r of rows) {
  console.log(
    `| ${r.size} | ${fmtRun(r.cold)} | ${fmtRun(r.warm)} | ${fmtRun(r.ci)} | ${fmt(r.edit)} | ${Math.round(r.rss)} MiB | ${r.hugo ? fmtRun(r.hugo) : "—"} | ${ratio(r.cold, r.hugo)} | ${ratio(r.warm, r.hugo)} | ${ratio(r.ci, r.hugo)} | ${r.eleventy ? fmt(r.eleventy.ms) : "—"} | ${ratio(r.cold, r.eleventy)} |`,
  );
}
console.log("\n| entries | search files | index | gzipped | first search loads (gz) | largest shard (gz) | build time added | edit in watch |");
console.log("|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const { size, search: s } of rows) {
  console.log(`| ${size} | ${s.files} | ${bytesText(s.bytes)} | ${bytesText(s.gz)} | ${bytesText(s.clientGz + s.directoryGz + s.shardMedianGz)} | ${bytesText(s.shardMaxGz)} | ${fmt(s.coldMs)} | ${fmt(s.editMs)} |`);
}
console.log("\nTargets (issue 18), by size:");
for (const r of rows) {
  const targets = TARGETS.filter((t) => t.size === r.size);
  if (targets.length === 0) {
    console.log(`  ${r.size}: no target at this size`);
    continue;
  }
  for (const t of targets) {
    const value = t.value(r);
    const shown = value === undefined ? "Hugo not installed" : `${value.toFixed(t.unit === "×" ? 2 : 0)}${t.unit}`;
    console.log(`  ${r.size}: ${value === undefined ? "?" : value <= t.limit ? "met   " : "missed"} ${t.text} (${shown})`);
  }
}
