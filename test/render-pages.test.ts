/**
 * Page data is made per kind of page, in src/render/pages/, by a module named
 * for its template: a page with template `day` comes from pages/day.ts and is
 * rendered with templates/day.eta. This keeps that true for every page a site has.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSiteModel } from "../src/aggregate/site-model.js";
import { validateConfig } from "../src/config/schema.js";
import { routes } from "../src/render/routes.js";
import { REPO_ROOT } from "./helpers/cli.js";
import { date, dayFile, weekFile } from "./helpers/journal-files.js";

describe("page data modules", () => {
  it("are named for the templates of the pages they make", () => {
    const config = validateConfig({ areas: { work: { label: "Work" } }, habits: { gym: { label: "Gym", target: "daily" } } }, "smallwins.config.yaml", null).config;
    const files = [dayFile("2025-11-21", ["A year ago"]), dayFile("2026-11-20", [{ text: "Lifted", area: "work", level: 2, habit: "gym" }], { tags: [{ name: "strong", at: { line: 2, column: 7 }, source: "tags" }] }), weekFile("2026-W47")];
    const pages = routes(buildSiteModel(files, config, date("2026-11-21")).model);
    const templates = [...new Set(pages.map((p) => p.template))].sort();
    expect(templates).toEqual(["404", "area", "areas", "day", "habit", "habits", "index", "milestones", "search", "tag", "tags", "week", "weeks", "year"]);
    for (const template of templates) {
      expect(existsSync(path.join(REPO_ROOT, "templates", `${template}.eta`)), `templates/${template}.eta`).toBe(true);
      expect(existsSync(path.join(REPO_ROOT, "src", "render", "pages", `${template}.ts`)), `src/render/pages/${template}.ts`).toBe(true);
    }
  });
});
