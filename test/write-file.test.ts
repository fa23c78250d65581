/**
 * Writing one file of the site in a watch (src/io/write-file.ts): a failure
 * names the file, never the temporary one beside it. Real files.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomicallySync } from "../src/io/write-file.js";
import { useTempDirs } from "./helpers/cli.js";

const tempDir = useTempDirs();

describe("writeFileAtomicallySync", () => {
  it("names the file where a file stands in the way of its folder (where the temporary file cannot be removed either)", async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, "days"), "");
    let message = "";
    try {
      writeFileAtomicallySync(path.join(dir, "days", "2026-11-20.html"), "<p>", dir);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(path.join("days", "2026-11-20.html"));
    expect(message).not.toContain(".tmp");
    expect(await readdir(dir)).toEqual(["days"]);
  });

  it("writes bytes given in parts in their order", async () => {
    const dir = await tempDir();
    const parts = Array.from({ length: 3000 }, (_, i) => new TextEncoder().encode(`${i},`));
    const file = path.join(dir, "new", "wins.json");
    writeFileAtomicallySync(file, parts, dir);
    expect(await readFile(file, "utf8")).toBe(Array.from({ length: 3000 }, (_, i) => `${i},`).join(""));
    expect(await readdir(path.dirname(file))).toEqual(["wins.json"]);
  });
});
