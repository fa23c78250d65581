// Writes a seeded synthetic journal: about 1.3 KB per entry, realistic front
// matter (wins with areas, levels and habits, mood), a Markdown body with a
// task list, and a weekly reflection every week. Same seed, same bytes.
import { mkdir, writeFile, rm } from "node:fs/promises";
import path from "node:path";

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = "small steady progress walked talked wrote called asked shared finished started tidied cooked read practised planned helped listened reviewed fixed tested learned stretched ran swam cycled meditated journaled focused rested laughed noticed thanked smiled".split(" ");
const AREAS = ["work", "social", "health", "learning", "home"];
const HABITS = ["meditate", "gym", "read"];

/**
 * `count` made-up words (syllables from their own seeded generator), for a
 * journal whose vocabulary grows as a real one does: the search index's size
 * and speed depend on it. Drawn below with a skew, so a few words are common
 * and most are rare, as in prose.
 */
function madeUpWords(count, seed) {
  const r = rng(seed ^ 0x5eed);
  const onsets = "b c d f g h j k l m n p r s t v w z br ch cl dr fl gr pl sh st th tr".split(" ");
  const vowels = "a e i o u ai ea ee oo ou".split(" ");
  const codas = ["", "", "n", "r", "s", "t", "l", "ck", "nd", "st", "ng"];
  const words = new Set(WORDS);
  while (words.size < count) {
    const syllables = 1 + Math.floor(r() * 3);
    let word = "";
    for (let i = 0; i < syllables; i++) word += onsets[Math.floor(r() * onsets.length)] + vowels[Math.floor(r() * vowels.length)] + codas[Math.floor(r() * codas.length)];
    words.add(word);
  }
  return [...words];
}

let vocabulary = WORDS;
/** Picks a word: uniformly from the 33 everyday words, or skewed towards the first ones of a large vocabulary. */
const pickWord = (r) => (vocabulary === WORDS ? WORDS[Math.floor(r() * WORDS.length)] : vocabulary[Math.floor(vocabulary.length * r() ** 3)]);

function sentence(r, n) {
  const words = Array.from({ length: n }, () => pickWord(r));
  words[0] = words[0][0].toUpperCase() + words[0].slice(1);
  return words.join(" ");
}

function addDays(date, n) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function isoWeek(date) {
  const d = new Date(`${date}T00:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day + 3);
  const year = d.getUTCFullYear();
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const week = 1 + Math.round(((d - jan4) / 86400000 - 3 + ((jan4.getUTCDay() + 6) % 7)) / 7);
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/**
 * Generates `entries` daily entries ending on `end` into `dir/journal`, with a config. Returns the last date.
 * `words`: how many distinct words the text uses (default: the 33 everyday words; the search bench uses 20,000).
 */
export async function generateJournal(dir, entries, { seed = 42, end = "2026-11-20", words = 0 } = {}) {
  const r = rng(seed);
  vocabulary = words > WORDS.length ? madeUpWords(words, seed) : WORDS;
  await rm(dir, { recursive: true, force: true });
  const journal = path.join(dir, "journal");
  await mkdir(journal, { recursive: true });
  await writeFile(
    path.join(dir, "smallwins.config.yaml"),
    `title: Benchmark journal\ntimezone: UTC\nareas:\n${AREAS.map((a) => `  ${a}: { label: ${a[0].toUpperCase() + a.slice(1)} }`).join("\n")}\nhabits:\n  meditate: { label: Meditate, target: daily }\n  gym: { label: Gym, target: 3/week }\n  read: { label: Read, target: daily }\n`,
  );
  // Walk back from `end`, missing about one day in eight; then write oldest first.
  const dates = [];
  for (let d = end; dates.length < entries; d = addDays(d, -1)) if (r() >= 0.12) dates.push(d);
  dates.reverse();
  const weeks = new Set();
  const dirs = new Set();
  const writes = [];
  for (const date of dates) {
    const wins = [];
    const count = 1 + Math.floor(r() * 4);
    for (let i = 0; i < count; i++) {
      if (r() < 0.3) wins.push(`  - ${sentence(r, 6)}`);
      else {
        const level = 1 + Math.floor(r() * r() * 5);
        const habit = r() < 0.4 ? `\n    habit: ${HABITS[Math.floor(r() * HABITS.length)]}` : "";
        wins.push(`  - text: ${sentence(r, 7)}\n    area: ${AREAS[Math.floor(r() * AREAS.length)]}\n    level: ${level}${habit}`);
      }
    }
    const body = [
      sentence(r, 18) + ". " + sentence(r, 14) + ".",
      "",
      `- [x] ${sentence(r, 4)}`,
      `- [${r() < 0.5 ? "x" : " "}] ${sentence(r, 5)}`,
      "",
      sentence(r, 22) + ". " + sentence(r, 16) + ". " + sentence(r, 12) + ".",
      "",
      `> ${sentence(r, 10)}.`,
      "",
      sentence(r, 20) + " *" + sentence(r, 3) + "* " + sentence(r, 10) + ".",
    ].join("\n");
    const text = `---\nwins:\n${wins.join("\n")}\nmood: ${1 + Math.floor(r() * 5)}\nenergy: ${1 + Math.floor(r() * 5)}\ndid_well: ${sentence(r, 8)}\ntags: [${WORDS[Math.floor(r() * WORDS.length)]}]\n---\n${body}\n`;
    const folder = path.join(journal, date.slice(0, 4), date.slice(5, 7));
    if (!dirs.has(folder)) {
      dirs.add(folder);
      await mkdir(folder, { recursive: true });
    }
    writes.push(writeFile(path.join(folder, `${date}.md`), text));
    weeks.add(isoWeek(date));
    if (writes.length >= 256) await Promise.all(writes.splice(0));
  }
  await mkdir(path.join(journal, "weeks"), { recursive: true });
  for (const week of weeks) {
    if (r() < 0.3) continue;
    writes.push(writeFile(path.join(journal, "weeks", `${week}.md`), `---\nrating: ${1 + Math.floor(r() * 5)}\nfocus: ${AREAS[Math.floor(r() * AREAS.length)]}\n---\n${sentence(r, 25)}.\n`));
    if (writes.length >= 256) await Promise.all(writes.splice(0));
  }
  await Promise.all(writes);
  return end;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, n] = process.argv.slice(2);
  await generateJournal(path.resolve(dir), Number(n ?? 1000));
}
