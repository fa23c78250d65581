/**
 * Links between days (§6, docs/journal.md "Links between days"): `.md` links
 * and wikilinks lead to day and week pages from every page, a link to nothing
 * is a located warning and plain text, and each page lists who mentions it,
 * never from hidden text. A real journal built by the library.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { formatDiagnostic } from "../src/model/diagnostic.js";
import { writeFiles } from "./helpers/cli.js";
import { buildProject, fileOf, linkProblems, one, pageOf, textOf, useSiteTempDirs, type BuiltSite } from "./helpers/site.js";

const TODAY = "2026-12-05";
const tempDir = useSiteTempDirs();

const JOURNAL: Record<string, string> = {
  "smallwins.config.yaml": "journal: journal\npublish: full\n",
  "journal/2026/11/2026-11-20-run.md": "---\nwins: [Ran 5 km]\n---\nA good run.\n",
  "journal/2026/11/2026-11-21.md": [
    "---",
    "wins: [Rested]",
    "---",
    "After [the run](2026-11-20-run.md) and [[2026-11-20|yesterday]], see [[2026-W47]].",
    "By name: [[2026-11-20-RUN]]; by path: [[2026/11/2026-11-20-run]]; with a heading: [[2026-11-20#Morning]].",
    "Nowhere: [[2026-11-02]], [[2026-11-20-rnu]], [gone](2026-11-19.md), [out](../../../notes.md).",
    "The web stays: [site](https://example.org/x.md).",
    "",
  ].join("\n"),
  "journal/2026/12/2026-12-01.md": "---\nwins: [Wrote]\n---\nBack to [the run](../11/2026-11-20-run.md).\n",
  "journal/2026-11-22.md": "---\nwins: [Hid]\nprivate: true\n---\nSECRETZQ [[2026-11-20]]\n",
  "journal/2026-W47.md": "---\nrating: 4\n---\nThe week of [[2026-11-20|the run]].\n",
};

describe("links between days", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    const dir = await tempDir();
    await writeFiles(dir, JOURNAL);
    site = await buildProject(dir, TODAY);
  });

  it("lead to the day's or the week's page, from the entry's own folder, by date, week, file name or path", () => {
    const prose = one(pageOf(site, "days/2026-11-21.html"), ".body .prose");
    const links = prose.querySelectorAll("a").map((a) => [textOf(a), a.getAttribute("href")]);
    expect(links).toEqual([
      ["the run", "../days/2026-11-20.html"],
      ["yesterday", "../days/2026-11-20.html"],
      ["2026-W47", "../weeks/2026-W47.html"],
      ["2026-11-20-RUN", "../days/2026-11-20.html"],
      ["2026/11/2026-11-20-run", "../days/2026-11-20.html"],
      ["2026-11-20 > Morning", "../days/2026-11-20.html"],
      ["site", "https://example.org/x.md"],
    ]);
    expect(one(pageOf(site, "days/2026-12-01.html"), ".body .prose a").getAttribute("href")).toBe("../days/2026-11-20.html");
    expect(one(pageOf(site, "weeks/2026-W47.html"), ".prose a").getAttribute("href")).toBe("../days/2026-11-20.html");
  });

  it("that lead nowhere are their text and a located warning with a hint", () => {
    const prose = textOf(one(pageOf(site, "days/2026-11-21.html"), ".body .prose"));
    expect(prose).toContain("Nowhere: 2026-11-02, 2026-11-20-rnu, gone, out.");
    const warnings = site.result.diagnostics.map(formatDiagnostic);
    expect(warnings).toEqual([
      "journal/2026/11/2026-11-21.md:6:10: warning: `[[2026-11-02]]`: 2026-11-02 has no entry, so it has no page; it shows as text (hint: link a day that has an entry, or write that day's entry)",
      "journal/2026/11/2026-11-21.md:6:26: warning: `[[2026-11-20-rnu]]` names no entry — did you mean `2026-11-20-run`?; it shows as text (hint: write the date, the week (2026-W47) or the name of an entry's file)",
      "journal/2026/11/2026-11-21.md:6:46: warning: `2026-11-19.md` names no entry — did you mean `2026-11-21`?; it shows as text (hint: link an entry's file by its path from this file's folder, or write `[[DATE]]`)",
      "journal/2026/11/2026-11-21.md:6:69: warning: `../../../notes.md` leaves the journal folder: it is not published; it shows as text (hint: link a file inside the journal folder with a relative path, e.g. `2026-11-20.md` or `photos/run.jpg`)",
    ]);
  });

  it("give each page its \"Mentioned on\" list, days first in date order, and never from hidden text", () => {
    const mentioned = (page: string): string[] => pageOf(site, page).querySelectorAll(".mentions a").map((a) => `${a.getAttribute("href")} ${textOf(a)}`);
    expect(mentioned("days/2026-11-20.html")).toEqual(["../days/2026-11-21.html Saturday 21 November 2026", "../days/2026-12-01.html Tuesday 1 December 2026", "../weeks/2026-W47.html Week 2026-W47"]);
    expect(mentioned("weeks/2026-W47.html")).toEqual(["../days/2026-11-21.html Saturday 21 November 2026"]);
    expect(mentioned("days/2026-11-21.html")).toEqual([]);
    expect(fileOf(site, "days/2026-11-20.html")).not.toContain("2026-11-22");
    for (const [file, contents] of site.files) expect(contents, file).not.toContain("SECRETZQ");
  });

  it("leave no broken link in the site", () => {
    expect(linkProblems(site.files)).toEqual([]);
  });
});
