/** Every Markdown file the repository holds for tests to read: fixtures, the corpus and the sample journal. */
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...markdownFiles(full));
    else if (entry.isFile() && entry.name.endsWith(".md")) out.push(full);
  }
  return out;
}

/** The absolute paths of every `.md` file under test/fixtures, test/corpus and journal, sorted. */
export function repoMarkdownFiles(): string[] {
  return ["test/fixtures", "test/corpus", "journal"].flatMap((dir) => markdownFiles(path.join(ROOT, dir))).sort();
}
