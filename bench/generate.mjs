// Writes a seeded synthetic journal whose entries vary the way people's do:
// many short entries and some long ones; win texts plain, quoted and
// punctuated (colons, `#`, parentheses, digits: front matter that the plain
// reader hands to the YAML parser), as texts or as mappings with an area,
// level and habit; bodies of one to a dozen paragraphs with links, emphasis,
// headings, lists, task lists, quotes, inline #tags, [[wikilinks]] to other
// days and `.md` links to them; a weekly reflection most weeks; and pictures
// beside about one entry in ten (`files/`, referenced as Markdown images or
// Obsidian's `![[name]]`): mostly pictures that fit the page, some
// screenshots (PNG), and one in ten a photo straight from a phone, wider
// than `images.maxWidth`, which the build publishes resized. Same seed and
// options, same bytes.
//
//   node bench/generate.mjs DIR [ENTRIES] [--no-images]
import { mkdir, writeFile, rm } from "node:fs/promises";
import path from "node:path";
import { crc32 } from "node:zlib";
import sharp from "sharp";

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

const WORDS = (
  "small steady progress walked talked wrote called asked shared finished started tidied cooked read practised planned helped listened reviewed fixed tested " +
  "learned stretched ran swam cycled meditated journaled focused rested laughed noticed thanked smiled the a with after before during our my team kids garden " +
  "kitchen report draft meeting client budget chapter lesson bike route pool neighbour friend sister morning evening lunch quietly finally again properly " +
  "without rushing early late twice because although then while"
).split(" ");
const AREAS = ["work", "social", "health", "learning", "home"];
const HABITS = ["meditate", "gym", "read"];
const TAGS = ["deepwork", "family", "outdoors", "reading", "health", "travel", "focus", "gratitude", "code", "music"];
const SITES = ["https://example.com/notes", "https://developer.mozilla.org/en-US/docs/Web", "https://en.wikipedia.org/wiki/Habit", "https://www.gutenberg.org/ebooks/1342", "https://github.com/example/project/issues"];
const HEADINGS = ["Today", "What went well", "Notes", "Work", "Tomorrow", "Reading", "Training log", "Thoughts"];

const pick = (r, xs) => xs[Math.floor(r() * xs.length)];
const int = (r, lo, hi) => lo + Math.floor(r() * (hi - lo + 1));

function words(r, n) {
  return Array.from({ length: n }, () => pickWord(r));
}

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
/** Picks a word: uniformly from the everyday words, or skewed towards the first ones of a large vocabulary. */
const pickWord = (r) => (vocabulary === WORDS ? WORDS[Math.floor(r() * WORDS.length)] : vocabulary[Math.floor(vocabulary.length * r() ** 3)]);

function sentence(r, n) {
  const w = words(r, n);
  w[0] = w[0][0].toUpperCase() + w[0].slice(1);
  return w.join(" ");
}

/**
 * A win's text as people write them: plain most of the time in a third of
 * them, otherwise with an issue number, a time, a count in parentheses, a
 * colon, a tag or a version, so that it needs quoting in YAML.
 */
function winText(r) {
  const base = sentence(r, int(r, 3, 8));
  switch (int(r, 0, 8)) {
    case 0:
      return { text: base, quoted: false };
    case 1:
      return { text: `${base}, ${words(r, 3).join(" ")}`, quoted: false };
    case 2:
      return { text: `Fixed #${int(r, 10, 999)}: ${words(r, int(r, 3, 6)).join(" ")}`, quoted: true };
    case 3:
      return { text: `${base} (${int(r, 2, 45)} min)`, quoted: true };
    case 4:
      return { text: `Ran ${int(r, 2, 21)}.${int(r, 0, 9)} km: ${words(r, 3).join(" ")}!`, quoted: true };
    case 5:
      return { text: `${base} #${pick(r, TAGS)}`, quoted: true };
    case 6:
      return { text: `Shipped v${int(r, 0, 4)}.${int(r, 0, 20)}: ${words(r, 4).join(" ")} (${int(r, 5, 60)}% faster)`, quoted: true };
    case 7:
      return { text: `Read ${int(r, 5, 80)} pages of "${sentence(r, 2)}"`, quoted: true };
    default:
      return { text: `${int(r, 1, 12)}:${String(int(r, 0, 59)).padStart(2, "0")} ${words(r, 4).join(" ")}: done`, quoted: true };
  }
}

/** A YAML scalar for a win text: bare when the text allows it (and the writer did not quote it anyway), else double or single quoted. */
function yamlText(r, { text, quoted }) {
  if (!quoted && r() < 0.8) return text;
  if (text.includes('"') || r() < 0.3) return `'${text.replace(/'/g, "''")}'`;
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
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

/** A `.md` link from the file of `from` to the file of `to` (journal/YYYY/MM/DATE.md). */
function mdLink(from, to) {
  if (from.slice(0, 7) === to.slice(0, 7)) return `${to}.md`;
  return `../../${to.slice(0, 4)}/${to.slice(5, 7)}/${to}.md`;
}

/** One paragraph: sentences with emphasis, links, inline tags, wikilinks and `.md` links to earlier days. */
function paragraph(r, date, earlier, images) {
  const parts = [];
  const sentences = int(r, 1, 4);
  for (let i = 0; i < sentences; i++) {
    let s = sentence(r, int(r, 6, 18));
    const roll = r();
    if (roll < 0.12) s += ` *${words(r, 2).join(" ")}*`;
    else if (roll < 0.2) s += ` **${words(r, 2).join(" ")}**`;
    else if (roll < 0.25) s += ` _${words(r, 1)[0]}_`;
    else if (roll < 0.35) s += ` ([${words(r, 2).join(" ")}](${pick(r, SITES)}/${int(r, 1, 500)}))`;
    else if (roll < 0.43) s += ` #${pick(r, TAGS)}`;
    else if (roll < 0.5 && earlier.length) s += `, as on [[${pick(r, earlier)}]]`;
    else if (roll < 0.55 && earlier.length) {
      const to = pick(r, earlier);
      s += ` (see [${to}](${mdLink(date, to)}))`;
    } else if (roll < 0.58) s += ` \`${words(r, 1)[0]}()\``;
    else if (roll < 0.6 && images) {
      const picture = pictureKind(r);
      const name = `${date}-${images.length + 1}.${picture.ext}`;
      images.push({ name, picture });
      const alt = words(r, 3).join(" ");
      s += r() < 0.25 ? `\n\n![[${name}|${alt}]]\n` : `\n\n![${alt}](files/${name})\n`;
    }
    parts.push(s + pick(r, [".", ".", ".", "!", "?", "…"]));
  }
  return parts.join(" ");
}

/**
 * The pictures a journal holds, by kind: what each is drawn as (size in
 * pixels, format) and how often. A photo wider than the default
 * `images.maxWidth` (1600) is published resized; the others as they are.
 */
const PICTURES = [
  { share: 0.5, width: 1200, height: 900, ext: "jpg" },
  { share: 0.2, width: 900, height: 1200, ext: "jpg" },
  { share: 0.2, width: 1280, height: 800, ext: "png" },
  { share: 0.1, width: 3024, height: 2268, ext: "jpg" },
];

/** A kind of picture, drawn by its share. */
function pictureKind(r) {
  let roll = r();
  for (const kind of PICTURES) if ((roll -= kind.share) < 0) return kind;
  return PICTURES[0];
}

/**
 * Each kind's bytes, encoded once. A photo is a gradient under seeded noise,
 * so that it weighs about what a photo of its size does (a flat one would be
 * a few KB); a screenshot is flat panels and lines of "text", as screenshots
 * are, which PNG keeps small.
 */
const encoded = new Map();
function pictureBytes(kind) {
  let bytes = encoded.get(kind);
  if (!bytes) {
    const r = rng(kind.width * 7 + kind.height);
    const { width, height } = kind;
    const raw = Buffer.alloc(width * height * 3);
    const screenshot = kind.ext === "png";
    for (let y = 0, i = 0; y < height; y++) {
      const line = screenshot && y % 24 > 6 && y % 24 < 16;
      for (let x = 0; x < width; x++) {
        if (screenshot) {
          const ink = line && x > 40 && x < width - 200 && (x >> 3) % 5 !== 0 && r() < 0.6;
          const panel = x < 240 ? 230 : 250;
          raw[i++] = ink ? 40 : panel;
          raw[i++] = ink ? 40 : panel;
          raw[i++] = ink ? 48 : 255;
        } else {
          const noise = (r() - 0.5) * 14;
          raw[i++] = (x * 255) / width + noise;
          raw[i++] = (y * 255) / height + noise;
          raw[i++] = 128 + noise;
        }
      }
    }
    const image = sharp(raw, { raw: { width, height, channels: 3 } });
    bytes = (screenshot ? image.png({ compressionLevel: 6 }) : image.jpeg({ quality: 82 })).toBuffer();
    encoded.set(kind, bytes);
  }
  return bytes;
}

/**
 * A picture file named `name`: its kind's bytes with the name written into a
 * comment (JPEG) or text chunk (PNG), so that every file differs, as photos
 * do, and a cache keyed by content resizes each one.
 */
async function pictureFile(kind, name) {
  const bytes = await pictureBytes(kind);
  const text = Buffer.from(`smallwins bench ${name}`);
  if (kind.ext === "jpg") {
    const segment = Buffer.alloc(4);
    segment.writeUInt16BE(0xfffe, 0);
    segment.writeUInt16BE(text.length + 2, 2);
    return Buffer.concat([bytes.subarray(0, 2), segment, text, bytes.subarray(2)]);
  }
  // After the PNG signature (8 bytes) and the IHDR chunk (25 bytes): a tEXt chunk.
  const body = Buffer.concat([Buffer.from("tEXtComment\0"), text]);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length - 4, 0);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body), 0);
  return Buffer.concat([bytes.subarray(0, 33), head, body, crc, bytes.subarray(33)]);
}

/** A day's body: mostly short, sometimes a few sections, now and then long. */
function dayBody(r, date, earlier, images) {
  const blocks = [];
  const size = r();
  const paragraphs = size < 0.7 ? int(r, 0, 2) : size < 0.95 ? int(r, 3, 6) : int(r, 8, 20);
  if (r() < 0.45) {
    blocks.push(`- [x] ${sentence(r, int(r, 2, 6))}`);
    for (let i = int(r, 0, 3); i > 0; i--) blocks[blocks.length - 1] += `\n- [${r() < 0.5 ? "x" : " "}] ${sentence(r, int(r, 2, 6))}`;
  }
  for (let i = 0; i < paragraphs; i++) {
    const roll = r();
    if (paragraphs > 2 && roll < 0.15) blocks.push(`${r() < 0.7 ? "##" : "###"} ${pick(r, HEADINGS)}`);
    if (roll > 0.85) {
      const ordered = r() < 0.3;
      blocks.push(Array.from({ length: int(r, 2, 6) }, (_, k) => `${ordered ? `${k + 1}.` : "-"} ${paragraph(r, date, earlier, false)}`).join("\n"));
    } else if (roll > 0.8) blocks.push(`> ${paragraph(r, date, earlier, false)}`);
    else blocks.push(paragraph(r, date, earlier, images));
  }
  return blocks.join("\n\n");
}

/**
 * Generates `entries` daily entries ending on `end` into `dir/journal`, with a
 * config. `images` (on by default) puts pictures beside about one entry in
 * ten, in the entry's `files/` folder, each referenced once. `words`: how many distinct
 * words the text uses (default: the everyday words; the search bench uses
 * 20,000). Returns the last date.
 */
export async function generateJournal(dir, entries, { seed = 42, end = "2026-11-20", images = true, words: vocabularySize = 0 } = {}) {
  const r = rng(seed);
  vocabulary = vocabularySize > WORDS.length ? madeUpWords(vocabularySize, seed) : WORDS;
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
  for (const [index, date] of dates.entries()) {
    // Links point back up to a year: to recent days mostly, as people link.
    const earlier = index === 0 ? [] : Array.from({ length: 3 }, () => dates[Math.max(0, index - 1 - Math.floor(r() * r() * Math.min(index, 365)))]);
    const wins = [];
    const count = r() < 0.1 ? 0 : int(r, 1, 4);
    for (let i = 0; i < count; i++) {
      const text = yamlText(r, winText(r));
      if (r() < 0.35) wins.push(`  - ${text}`);
      else {
        const level = 1 + Math.floor(r() * r() * 5);
        const area = r() < 0.85 ? `\n    area: ${pick(r, AREAS)}` : "";
        const habit = r() < 0.35 ? `\n    habit: ${pick(r, HABITS)}` : "";
        wins.push(`  - text: ${text}${area}\n    level: ${level}${habit}`);
      }
    }
    const front = [wins.length ? `wins:\n${wins.join("\n")}` : "wins: []"];
    if (r() < 0.8) front.push(`mood: ${int(r, 1, 5)}`);
    if (r() < 0.6) front.push(`energy: ${int(r, 1, 5)}`);
    if (r() < 0.5) front.push(`did_well: ${yamlText(r, r() < 0.5 ? { text: sentence(r, int(r, 4, 10)), quoted: false } : winText(r))}`);
    if (r() < 0.4) front.push(`tags: [${Array.from({ length: int(r, 1, 3) }, () => pick(r, TAGS)).join(", ")}]`);
    if (r() < 0.02) front.push("private: true");
    const pictures = images ? [] : false;
    const body = dayBody(r, date, earlier, pictures);
    const text = `---\n${front.join("\n")}\n---\n${body ? `${body}\n` : ""}`;
    const folder = path.join(journal, date.slice(0, 4), date.slice(5, 7));
    if (!dirs.has(folder)) {
      dirs.add(folder);
      await mkdir(folder, { recursive: true });
    }
    writes.push(writeFile(path.join(folder, `${date}.md`), text));
    if (pictures.length) {
      const files = path.join(folder, "files");
      if (!dirs.has(files)) {
        dirs.add(files);
        await mkdir(files, { recursive: true });
      }
      for (const { name, picture } of pictures) writes.push(pictureFile(picture, name).then((bytes) => writeFile(path.join(files, name), bytes)));
    }
    weeks.add(isoWeek(date));
    if (writes.length >= 256) await Promise.all(writes.splice(0));
  }
  await mkdir(path.join(journal, "weeks"), { recursive: true });
  for (const week of weeks) {
    if (r() < 0.3) continue;
    const reflection = Array.from({ length: int(r, 1, 3) }, () => paragraph(r, "", [], false)).join("\n\n");
    writes.push(writeFile(path.join(journal, "weeks", `${week}.md`), `---\nrating: ${int(r, 1, 5)}\nfocus: ${pick(r, AREAS)}\n---\n${reflection}\n`));
    if (writes.length >= 256) await Promise.all(writes.splice(0));
  }
  await Promise.all(writes);
  return end;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, n] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  await generateJournal(path.resolve(dir), Number(n ?? 1000), { images: !process.argv.includes("--no-images") });
}
