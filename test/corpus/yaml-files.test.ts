/**
 * Corpus, YAML-and-files family: every non-YAML front-matter language (never
 * evaluated), unclosed front matter, front matter that is not a mapping,
 * duplicate keys, YAML 1.1 surprises, custom tags, alias bombs and cycles,
 * deep nesting, prototype keys, a BOM and CRLF, bytes that are not UTF-8, a
 * very large file, symlinks and their loops, and a careless writer's YAML.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/cli.js";
import { caseTests, corpusCases, useCorpusTempDirs } from "../helpers/corpus.js";

const cases = corpusCases("yaml-files");
const tempDir = useCorpusTempDirs();
const run = promisify(execFile);

/** The files the front-matter payloads would write (`smallwins-corpus-pwned-<tag>` in the temp folder). */
const pwnedFiles = (): string[] => readdirSync(os.tmpdir()).filter((name) => name.startsWith("smallwins-corpus-pwned-"));

async function removePwned(): Promise<void> {
  await Promise.all(pwnedFiles().map((name) => rm(path.join(os.tmpdir(), name), { force: true })));
}

beforeAll(removePwned);
afterAll(removePwned);

describe("yaml-files corpus", () => {
  it("has the cases the issue asks for", () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  caseTests(cases, tempDir);

  it("never evaluated any front matter: no global set, no file written, nothing polluted", () => {
    expect((globalThis as Record<string, unknown>).__smallwinsPwned).toBeUndefined();
    expect(pwnedFiles()).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("the ---js payload is real", () => {
  // gray-matter, left to its defaults, runs ---js front matter with eval: the
  // fixture's code then sets the global and writes the file, which proves the
  // corpus test above would notice if smallwins ever let it run.
  it("runs under gray-matter's defaults in a separate process, and writes its file", async () => {
    const file = path.join(cases.find((c) => c.name === "fm-js")!.dir, "journal", "2026-11-21.md");
    const script = `const matter = require("gray-matter"); const fs = require("fs"); const r = matter(fs.readFileSync(${JSON.stringify(file)}, "utf8")); process.stdout.write(JSON.stringify({ mood: r.data.mood, pwned: globalThis.__smallwinsPwned }));`;
    const { stdout } = await run(process.execPath, ["-e", script], { cwd: REPO_ROOT });
    expect(JSON.parse(stdout)).toEqual({ mood: 3, pwned: "js" });
    const written = path.join(os.tmpdir(), "smallwins-corpus-pwned-js");
    expect(existsSync(written)).toBe(true);
    expect(await readFile(written, "utf8")).toBe("js");
    await rm(written, { force: true });
  });
});
