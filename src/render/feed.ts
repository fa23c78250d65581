import { createHash } from "node:crypto";
import { publishedTags } from "../aggregate/tags.js";
import type { SiteModel } from "../model/site.js";
import { compareTagKeys } from "../model/tags.js";
import { bodyHtml } from "./body.js";
import { mayPublish, published } from "./privacy.js";
import { longDate } from "./pages/words.js";
import { lastOf } from "../model/lists.js";

// Characters XML 1.0 does not allow at all, not even escaped: C0 controls other
// than tab, newline and return, lone surrogates, U+FFFE and U+FFFF. A YAML
// string can hold them ("\x01"), and one of them would make the whole feed unreadable.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const xml = (text: string): string =>
  text.replace(NOT_XML, "\uFFFD").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] ?? c);

/** A stable id for a feed entry: the URL when the site has one, else a name-based UUID. */
function entryId(model: SiteModel, path: string): string {
  if (model.config.siteUrl) return model.config.siteUrl + path;
  const hex = createHash("sha1").update(`smallwins:${model.config.title}:${path}`).digest("hex");
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

interface FeedEntry {
  readonly title: string;
  readonly path: string;
  readonly updated: string;
  readonly html: string;
  /** The day's published tags: the key as the category's term, the name as the day wrote it as its label. */
  readonly categories: readonly { readonly term: string; readonly label: string }[];
}


const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * The Atom feed of the 20 most recent days with wins and the weekly
 * reflections, newest first. Links are absolute only when `siteUrl` is set.
 * Timestamps are the day at 00:00 UTC: a calendar day, the same on every machine.
 */
export function renderFeed(model: SiteModel): string {
  const mode = model.config.publish;
  const link = (path: string): string => (model.config.siteUrl ? model.config.siteUrl + path : path);
  // The last 20 win days (at least minWinsPerDay wins; a future day is never one), found from the end: a journal has years.
  const days: FeedEntry[] = lastOf(model.days, 20, (d) => d.isWinDay).map((d) => {
    const items = d.wins.map((w) => published(mode, "win", w) ?? "A private win");
    const list = mode === "stats" || d.private ? `<p>${plural(d.wins.length, "win")}</p>` : `<ul>${items.map((t) => `<li>${xml(t)}</li>`).join("")}</ul>`;
    const categories = publishedTags(d, mode)
      .sort((a, b) => compareTagKeys(a.key, b.key))
      .map((t) => ({ term: t.key, label: t.name }));
    return { title: `${longDate(d.date)}: ${plural(d.wins.length, "win")}`, path: `days/${d.date}.html`, updated: `${d.date}T00:00:00Z`, html: list, categories };
  });
  const weeks: FeedEntry[] = lastOf(model.weeks, 10, (w) => w.reflection !== undefined && mayPublish(mode, "note", w.reflection.private) && w.reflection.html !== "").map((w) => {
    // This week's reflection is dated today, not next Sunday: a feed is never updated in the future.
    const day = w.dates[6]! < model.today ? w.dates[6]! : model.today;
    // Links in the feed resolve from the feed's own address, the site's root (absolute with siteUrl).
    const html = w.reflection ? bodyHtml(w.reflection, model.links, { root: model.config.siteUrl ?? "" }) : "";
    return { title: `Week ${w.week}: ${plural(w.wins, "win")} on ${w.winDays} of 7 days`, path: `weeks/${w.week}.html`, updated: `${day}T00:00:00Z`, html, categories: [] };
  });
  const entries = [...days, ...weeks].sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : a.path < b.path ? -1 : 1));
  const updated = entries[0]?.updated ?? `${model.today}T00:00:00Z`;
  const author = model.config.author ?? model.config.title;
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom">`,
    `  <title>${xml(model.config.title)}</title>`,
    `  <id>${xml(entryId(model, ""))}</id>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>${xml(author)}</name></author>`,
    `  <generator>smallwins</generator>`,
    `  <link rel="alternate" type="text/html" href="${xml(link("index.html"))}"/>`,
    ...(model.config.siteUrl ? [`  <link rel="self" type="application/atom+xml" href="${xml(link("feed.xml"))}"/>`] : []),
  ];
  for (const e of entries) {
    lines.push(
      `  <entry>`,
      `    <title>${xml(e.title)}</title>`,
      `    <id>${xml(entryId(model, e.path))}</id>`,
      `    <link rel="alternate" type="text/html" href="${xml(link(e.path))}"/>`,
      `    <updated>${e.updated}</updated>`,
      ...e.categories.map((c) => `    <category term="${xml(c.term)}" label="${xml(c.label)}"/>`),
      `    <content type="html">${xml(e.html)}</content>`,
      `  </entry>`,
    );
  }
  lines.push(`</feed>`, "");
  return lines.join("\n");
}
