/**
 * The README and the manual in docs/: every link resolves as GitHub would
 * follow it, the README stays one screen, and the Publish page shows the
 * workflow that `smallwins init --github-pages` writes.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Code } from "mdast";
import { describe, expect, it } from "vitest";
import { CONFIG_KEYS } from "../src/config/schema.js";
import { DAY_KEYS, WEEK_KEYS, WIN_KEYS } from "../src/parse/schema.js";
import { REPO_ROOT, runCli, useTempDirs, writeFiles } from "./helpers/cli.js";
import { brokenLinks, headingAnchors, linksOf, parseMarkdown } from "./helpers/doc-links.js";

const tempDir = useTempDirs();

/** README.md and every Markdown file under docs/, relative to the repository. */
function documents(): string[] {
  const docs = readdirSync(path.join(REPO_ROOT, "docs"), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".md"))
    .map((e) => path.relative(REPO_ROOT, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
  return ["README.md", ...docs.sort()];
}

describe("the README and docs/", () => {
  it("have no broken link: files, #anchors and images exist, web links are well-formed", () => {
    const files = documents();
    // The manual's topics (STYLE.md "Comments and docs"), each a page.
    for (const topic of ["journal", "configuration", "metrics", "site", "commands", "api", "publish", "performance", "security", "README"]) {
      expect(files).toContain(`docs/${topic}.md`);
    }
    expect(brokenLinks(REPO_ROOT, files)).toEqual([]);
  });

  it("link every page of docs/ from the index, and the index and the dashboard picture from the README", () => {
    const readme = linksOf("README.md", readFileSync(path.join(REPO_ROOT, "README.md"), "utf8"));
    expect(readme.filter((l) => l.image).map((l) => l.url)).toContain("docs/dashboard.png");
    expect(readme.map((l) => l.url)).toContain("docs/README.md");
    const index = linksOf("docs/README.md", readFileSync(path.join(REPO_ROOT, "docs", "README.md"), "utf8")).map((l) => l.url.split("#")[0]);
    for (const page of documents().filter((f) => f.startsWith("docs/") && f !== "docs/README.md")) {
      expect(index, page).toContain(page.slice("docs/".length));
    }
  });

  it("keep the README to one screen of Markdown (under 150 lines)", () => {
    const lines = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8").split("\n").length;
    expect(lines).toBeLessThan(150);
  });

  it("show in docs/publish.md exactly the workflow that init --github-pages writes", () => {
    const tree = parseMarkdown(readFileSync(path.join(REPO_ROOT, "docs", "publish.md"), "utf8"));
    const at = tree.children.findIndex((n) => n.type === "heading" && n.children.some((c) => c.type === "text" && c.value === "The workflow"));
    expect(at).toBeGreaterThanOrEqual(0);
    const block = tree.children.slice(at).find((n): n is Code => n.type === "code");
    expect(block?.lang).toBe("yaml");
    expect(`${block?.value ?? ""}\n`).toBe(readFileSync(path.join(REPO_ROOT, "templates", "new", "github-pages.yml"), "utf8"));
  });
});

describe("the manual covers the code", () => {
  const read = (rel: string): string => readFileSync(path.join(REPO_ROOT, ...rel.split("/")), "utf8");
  /** The first cells of a page's table rows: `key`, or several keys separated by commas. */
  const tableKeys = (text: string): string[] =>
    [...text.matchAll(/^\| ([^|]+) \|/gm)].flatMap((m) => [...m[1]!.matchAll(/`([^`]+)`/g)].map((k) => k[1]!));

  it("docs/journal.md has a table row for every field of an entry, a win and a reflection", () => {
    const keys = tableKeys(read("docs/journal.md"));
    for (const key of [...DAY_KEYS, ...WIN_KEYS, ...WEEK_KEYS]) expect(keys, key).toContain(key);
  });

  it("docs/configuration.md has a table row for every config key", () => {
    const keys = tableKeys(read("docs/configuration.md"));
    expect(CONFIG_KEYS.length).toBeGreaterThan(10);
    for (const key of CONFIG_KEYS) expect(keys, key).toContain(key);
  });

  it("docs/commands.md has a section for every command and names every option its --help lists", async () => {
    const doc = read("docs/commands.md");
    const help = await runCli(["--help"], { cwd: REPO_ROOT });
    const commands = [...help.stdout.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]!).filter((c) => c !== "help");
    expect(commands).toEqual(expect.arrayContaining(["build", "watch", "serve", "check", "stats", "new", "init"]));
    for (const command of commands) {
      expect(doc, command).toMatch(new RegExp(`^## \`smallwins ${command}\\b`, "m"));
      const options = (await runCli([command, "--help"], { cwd: REPO_ROOT })).stdout.match(/--[a-z][a-z-]*/g) ?? [];
      expect(options.length, command).toBeGreaterThan(3);
      for (const option of new Set(options)) expect(doc, `${command} ${option}`).toContain(`\`${option}`);
    }
  });
});

describe("the link checker", () => {
  it("makes anchors as GitHub does: lower case, punctuation dropped, spaces to '-', repeats numbered", () => {
    const anchors = headingAnchors(
      ["# `wins.json`", "## Privacy: `publish` and `private`", "## `smallwins new [DATE] [--week]`", "## Where a cold build's time goes", "## Decisions", "## Decisions", "<a id=\"custom\"></a>"].join("\n\n"),
    );
    expect([...anchors]).toEqual(["winsjson", "privacy-publish-and-private", "smallwins-new-date---week", "where-a-cold-builds-time-goes", "decisions", "decisions-1", "custom"]);
  });

  it("finds every kind of broken link, and passes the good ones", async () => {
    const root = await tempDir("smallwins-docs-");
    await writeFiles(root, {
      ".gitignore": "node_modules/\nsite/\n*.log\n",
      "site/index.html": "<!doctype html>",
      "docs/picture.png": "png",
      "docs/other.md": "# Other page\n\n## A section\n",
      "README.md": [
        "# Top",
        "",
        "[good file](docs/other.md) [good anchor](docs/other.md#a-section) [here](#top) [folder](docs/)",
        "![good image](docs/picture.png) [web](https://example.org/wins/?a=1#x) <https://example.org> [mail](mailto:sam@example.org)",
        "",
        "| table | cell |",
        "|---|---|",
        "| [missing file](docs/gone.md) | [missing anchor](docs/other.md#no-such-section) |",
        "",
        "[missing here](#nowhere) ![missing image](docs/gone.png) [bad host](https://exa_mple/) [no host](https://)",
        "[script](javascript:alert(1)) [outside](../elsewhere.md) [ignored](site/index.html) [rooted](/docs/other.md)",
        "",
        "[ref]: docs/also-gone.md",
        "",
        '<img src="docs/gone.svg" alt="">',
        "",
        "```md",
        "[in a code block](nothing.md)",
        "```",
      ].join("\n"),
    });
    const problems = brokenLinks(root, ["README.md", "docs/other.md"]).map((b) => `${b.file}:${b.line} ${b.url}: ${b.problem}`);
    expect(problems).toEqual([
      "README.md:8 docs/gone.md: docs/gone.md does not exist",
      "README.md:8 docs/other.md#no-such-section: #no-such-section: no such heading in docs/other.md",
      "README.md:10 #nowhere: #nowhere: no such heading in README.md",
      "README.md:10 docs/gone.png: docs/gone.png does not exist",
      'README.md:10 https://exa_mple/: "exa_mple" is not a host name',
      "README.md:10 https://: not a valid URL",
      "README.md:11 javascript:alert(1): a javascript: link",
      "README.md:11 ../elsewhere.md: leads out of the repository",
      "README.md:11 site/index.html: site/index.html is in site/, which git ignores",
      "README.md:11 /docs/other.md: an absolute path (GitHub resolves it from the site's root, not the repository's)",
      "README.md:13 docs/also-gone.md: docs/also-gone.md does not exist",
      "README.md:15 docs/gone.svg: docs/gone.svg does not exist",
    ]);
  });
});
