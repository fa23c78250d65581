/**
 * The library API (docs/api.md): `build()` returns the site as data and
 * writes nothing; the same inputs give the same bytes; `renderSite` is the
 * pure step under it; templates in the user's folder replace built-in ones
 * by name; a broken template is a located diagnostic, not a crash.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FileError } from "../src/errors.js";
import { loadTheme } from "../src/io/theme.js";
import { build, checkOutputFolder, renderSite, writeSiteAtomically } from "../src/index.js";
import { snapshotTree, writeFiles } from "./helpers/cli.js";
import { FIXTURES, REPO, buildFixture, copyFixture, fileOf, one, pageOf, textOf, textsOf, useSiteTempDirs } from "./helpers/site.js";

const tempDir = useSiteTempDirs();

describe("build()", () => {
  it("returns files, copies, diagnostics, model, project, analysis and rendered, and writes nothing", async () => {
    const root = await tempDir();
    await copyFixture("site-gaps", root);
    const before = await snapshotTree(root);
    const result = await build({ cwd: root, today: "2026-03-25" });
    expect(Object.keys(result).sort()).toEqual(["analysis", "copies", "diagnostics", "files", "model", "project", "rendered", "saveCache"]);
    expect(result.rendered).toBe(true);
    expect(result.copies).toEqual([]);
    expect(result.diagnostics).toEqual([]);
    expect(result.files.map((f) => f.path)).toContain("index.html");
    expect(result.files.every((f) => typeof f.contents === "string" && !f.path.startsWith("/") && !f.path.includes("\\"))).toBe(true);
    expect(result.model.summary).toMatchObject({ totalWins: 2, winDays: 2, today: "2026-03-25" });
    expect(result.project).toMatchObject({ root, outDir: path.join(root, "site"), journalDir: path.join(root, "journal"), today: "2026-03-25" });
    expect(result.analysis.filesRead).toBe(5);
    expect(await snapshotTree(root)).toEqual(before);
  });

  it("gives the same bytes for the same inputs, and renderSite(model, theme) is the pure step under it", async () => {
    const [a, b] = await Promise.all([build({ cwd: path.join(FIXTURES, "site-basic"), today: "2026-03-11" }), build({ cwd: path.join(FIXTURES, "site-basic"), today: "2026-03-11" })]);
    expect(b.files).toEqual(a.files);
    const theme = await loadTheme(undefined);
    expect(renderSite(a.model, theme)).toEqual(a.files);
  });

  it("takes journal, out and config overrides like the command line", async () => {
    const result = await build({ cwd: FIXTURES, config: "site-basic/smallwins.siteurl.yaml", journal: "site-gaps/journal", out: "elsewhere", today: "2026-03-25" });
    expect(result.project.journalDir).toBe(path.join(FIXTURES, "site-gaps", "journal"));
    expect(result.project.outDir).toBe(path.join(FIXTURES, "elsewhere"));
    expect(result.model.config.siteUrl).toBe("https://example.org/wins/");
    expect(result.model.summary.totalWins).toBe(2);
  });

  it("is exported with the writer and the safety check, as docs/api.md documents", () => {
    expect(typeof build).toBe("function");
    expect(typeof writeSiteAtomically).toBe("function");
    expect(typeof checkOutputFolder).toBe("function");
  });
});

describe("templates: the user's folder overrides the built-in templates by name", () => {
  it("replaces partials/win.eta and style.css, and keeps every other built-in template", async () => {
    const site = await buildFixture("site-templates", "2026-04-02");
    expect(site.result.rendered).toBe(true);
    expect(fileOf(site, "style.css")).toBe("/* my own stylesheet */\nbody { font-family: serif; }\n");
    const day = pageOf(site, "days/2026-04-01.html");
    // The user's partial, with Eta's escaping still on.
    expect(day.querySelectorAll("li.win")).toHaveLength(0);
    expect(day.querySelectorAll("li.my-win").map((li) => [textOf(li), li.getAttribute("data-level")])).toEqual([
      ["Wrote the <b>plan</b> [Work]", "2"],
      ["Tidied up", "1"],
    ]);
    expect(day.querySelectorAll("b")).toHaveLength(0);
    // The built-in layout and day template still frame it.
    expect(textOf(one(day, "h1"))).toBe("Wednesday 1 April 2026");
    expect(one(day, 'link[rel="stylesheet"]').getAttribute("href")).toBe("../style.css");
    expect(textsOf(pageOf(site, "index.html"), 'section[aria-labelledby="recent-heading"] li.my-win')).toEqual(["Wrote the <b>plan</b> [Work]", "Tidied up"]);
    expect(await readFile(path.join(REPO, "templates", "partials", "win.eta"), "utf8")).not.toContain("my-win");
  });

  it("loads the built-in theme without a user folder, and names where each template came from", async () => {
    const builtIn = await loadTheme(undefined);
    const user = await loadTheme(path.join(FIXTURES, "site-templates", "my-templates"));
    expect([...user.templates.keys()].sort()).toEqual([...builtIn.templates.keys()].sort());
    expect(user.files.get("partials/win")).toBe(path.join(FIXTURES, "site-templates", "my-templates", "partials", "win.eta"));
    expect(user.files.get("day")).toBe(builtIn.files.get("day"));
    expect(user.stylesheetFile).toBe(path.join(FIXTURES, "site-templates", "my-templates", "style.css"));
    expect(builtIn.stylesheet).toBe(await readFile(path.join(REPO, "templates", "style.css"), "utf8"));
  });

  it("says so when the templates folder does not exist", async () => {
    await expect(loadTheme(path.join(FIXTURES, "no-such-templates"))).rejects.toThrow(FileError);
    await expect(loadTheme(path.join(FIXTURES, "no-such-templates"))).rejects.toThrow(/the templates folder .*no-such-templates does not exist/);
  });
});

describe("a broken user template", () => {
  async function withTemplate(file: string, source: string) {
    const root = await tempDir();
    await copyFixture("site-gaps", root);
    await writeFiles(root, {
      "smallwins.config.yaml": `${await readFile(path.join(root, "smallwins.config.yaml"), "utf8")}templates: my-templates\n`,
      [`my-templates/${file}`]: source,
    });
    return build({ cwd: root, today: "2026-03-25" });
  }

  it("that throws is an error located at that template (a partial, not the page including it), and no files", async () => {
    const result = await withTemplate("partials/win.eta", `<% throw new Error("the win partial broke") %>`);
    expect(result.rendered).toBe(false);
    expect(result.files).toEqual([]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        severity: "error",
        file: "my-templates/partials/win.eta",
        line: 1,
        column: 1,
        message: "template partials/win: rendering index.html failed: the win partial broke",
      }),
    ]);
  });

  it("that does not compile is an error located at that template", async () => {
    const result = await withTemplate("day.eta", "<% if (it.date { %>broken<% } %>\n");
    expect(result.rendered).toBe(false);
    expect(result.files).toEqual([]);
    expect(result.diagnostics).toEqual([expect.objectContaining({ severity: "error", file: "my-templates/day.eta", line: 1, column: 1 })]);
    expect(result.diagnostics[0]!.message).toMatch(/^template day: /);
  });
});
