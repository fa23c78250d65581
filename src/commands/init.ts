import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { Eta } from "eta";
import { CONFIG_FILE, loadProject, type ProjectOptions } from "../config/load.js";
import { displayPath } from "../io/journal.js";
import { createFile, dayEntryPath, newDayText, readTemplate } from "./new.js";
import { EXIT, type Output } from "./output.js";

const GITIGNORE_LINES = ["site/", ".smallwins-cache/"];
const eta = new Eta({ autoEscape: false, autoTrim: false, useWith: false });

/**
 * `smallwins init [DIR]`: a config, `journal/` with today's entry, and a
 * `.gitignore` for the site and the cache. Never overwrites: each file that
 * exists already is left as it is and named.
 */
export async function initCommand(options: ProjectOptions & { dir?: string | undefined }, output: Output): Promise<number> {
  const dir = path.resolve(options.cwd, options.dir ?? ".");
  await mkdir(dir, { recursive: true });
  // Today and the time zone as a project in the new folder would see them.
  const project = await loadProject({ ...options, cwd: dir, config: undefined });
  const c = output.colors;
  const report = (file: string, created: boolean, note = ""): void => {
    const shown = displayPath(file, options.cwd);
    output.out(created ? `${c.green("created")} ${shown}` : `${c.yellow("exists ")} ${shown}${note}`);
  };

  const configFile = path.join(dir, CONFIG_FILE);
  const configText = eta.renderString(await readTemplate("new/config.yaml", undefined), {
    title: "My small wins",
    timezone: project.timezone,
  });
  report(configFile, await createFile(configFile, configText), ", left as it is");

  const entry = dayEntryPath(path.join(dir, project.config.journal), project.today);
  report(entry, await createFile(entry, await newDayText(project.today, project.config, undefined)), ", left as it is");

  const gitignore = path.join(dir, ".gitignore");
  const ignoreText = `# smallwins: the built site and the parse cache are made from the journal\n${GITIGNORE_LINES.join("\n")}\n`;
  const created = await createFile(gitignore, ignoreText);
  let note = "";
  if (!created) {
    const current = await readFile(gitignore, "utf8");
    const missing = GITIGNORE_LINES.filter((l) => !current.split(/\r?\n/).some((line) => line.trim() === l || line.trim() === `/${l}`));
    if (missing.length) note = `; add ${missing.join(" and ")} to it`;
  }
  report(gitignore, created, note || ", left as it is");
  output.out("");
  output.out(`Next: write today's wins in ${displayPath(entry, options.cwd)}, then run ${c.bold("smallwins build")}.`);
  return EXIT.ok;
}
