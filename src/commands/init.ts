import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { Eta } from "eta";
import { CONFIG_FILE, loadProject, type ProjectOptions } from "../config/load.js";
import { displayPath } from "../io/journal.js";
import { hasErrors } from "../model/diagnostic.js";
import { createFile, dayEntryPath, findEntry, newDayText, readTemplate } from "./new.js";
import { EXIT, reportDiagnostics, type Output } from "./output.js";

const GITIGNORE_LINES = ["site/", ".smallwins-cache/"];
const eta = new Eta({ autoEscape: false, autoTrim: false, useWith: false });

/** A path as a YAML scalar: plain when that is safe, else double-quoted. */
function yamlPath(p: string): string {
  return /^[A-Za-z0-9_][A-Za-z0-9_./-]*$/.test(p) ? p : JSON.stringify(p);
}

/**
 * `smallwins init [DIR]`: a config, `journal/` with today's entry, and a
 * `.gitignore` for the site and the cache. Never overwrites: each file that
 * exists already is left as it is and named. `--config F` says where the
 * config goes and `--journal D` where the journal goes (both relative to the
 * working folder); the new config points at that journal.
 */
export async function initCommand(options: ProjectOptions & { dir?: string | undefined }, output: Output): Promise<number> {
  const dir = path.resolve(options.cwd, options.dir ?? ".");
  const configFile = options.config !== undefined ? path.resolve(options.cwd, options.config) : path.join(dir, CONFIG_FILE);
  // Today, the time zone and the journal folder as the new project will see them;
  // an existing config (which init leaves alone) decides them.
  const project = await loadProject({ ...options, config: configFile, configMayBeMissing: true });
  const c = output.colors;
  reportDiagnostics(output, project.diagnostics);
  if (hasErrors(project.diagnostics)) {
    output.err(c.red(`fix ${displayPath(configFile, options.cwd)} first; nothing was created`));
    return EXIT.journalErrors;
  }
  await mkdir(dir, { recursive: true });
  const report = (file: string, created: boolean, note = ""): void => {
    const shown = displayPath(file, options.cwd);
    output.out(created ? `${c.green("created")} ${shown}` : `${c.yellow("exists ")} ${shown}${note}`);
  };

  const journalInConfig = path.relative(path.dirname(configFile), project.journalDir).split(path.sep).join("/") || ".";
  const configText = eta.renderString(await readTemplate("new/config.yaml", undefined), {
    title: "My small wins",
    journal: yamlPath(journalInConfig),
    timezone: project.timezone,
  });
  report(configFile, await createFile(configFile, configText), ", left as it is");

  // Like `new`: a day that has a file anywhere in the journal gets no second one.
  const found = await findEntry(project.journalDir, { date: project.today });
  const entry = found?.absolute ?? dayEntryPath(project.journalDir, project.today);
  report(entry, !found && (await createFile(entry, await newDayText(project.today, project.config, project.templatesDir))), ", left as it is");

  const gitignore = path.join(dir, ".gitignore");
  const ignoreText = `# smallwins: the built site and the parse cache are made from the journal\n${GITIGNORE_LINES.join("\n")}\n`;
  const created = await createFile(gitignore, ignoreText);
  let note = "";
  if (!created) {
    const current = await readFile(gitignore, "utf8");
    const missing = GITIGNORE_LINES.filter((l) => !current.split(/\r?\n/).some((line) => line.trim() === l || line.trim() === `/${l}`));
    if (missing.length) note = `, left as it is; add ${missing.join(" and ")} to it`;
  }
  report(gitignore, created, note || ", left as it is");
  output.out("");
  const steps: string[] = [];
  if (dir !== path.resolve(options.cwd)) steps.push(`cd ${displayPath(dir, options.cwd)}`);
  steps.push(`write today's wins in ${displayPath(entry, dir)}`);
  if (configFile !== path.join(dir, CONFIG_FILE)) steps.push(`pass --config ${displayPath(configFile, dir)} to every command`);
  output.out(`Next: ${steps.join(", ")}, then run ${c.bold("smallwins build")}.`);
  return EXIT.ok;
}
