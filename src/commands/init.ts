import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { Eta } from "eta";
import { CONFIG_FILE, loadProject, type ProjectOptions } from "../config/load.js";
import { displayPath } from "../io/journal.js";
import { hasErrors } from "../model/diagnostic.js";
import { createFile, dayEntryPath, findEntry, newDayText, readTemplate } from "./new.js";
import { EXIT, reportDiagnostics, type Output } from "./output.js";

const GITIGNORE_LINES = ["site/", ".smallwins-cache/"];
/** Where `init --github-pages` puts the workflow, relative to the project folder. */
export const WORKFLOW_FILE = ".github/workflows/smallwins.yml";
/** The workflow's built-in text (docs/publish.md shows the same file). */
export const WORKFLOW_TEMPLATE = "new/github-pages.yml";
const eta = new Eta({ autoEscape: false, autoTrim: false, useWith: false });

/** A path as a YAML scalar: plain when that is safe, else double-quoted. */
function yamlPath(p: string): string {
  return /^[A-Za-z0-9_][A-Za-z0-9_./-]*$/.test(p) ? p : JSON.stringify(p);
}

/**
 * `smallwins init [DIR] [--github-pages]`: a config, `journal/` with today's
 * entry, and a `.gitignore` for the site and the cache; with `--github-pages`
 * also a GitHub Actions workflow that builds the site and deploys it to Pages.
 * Never overwrites: each file that exists already is left as it is and named.
 * In a project that has its config already, `--github-pages` adds the workflow
 * alone. `--config F` says where the config goes and `--journal D` where the
 * journal goes (both relative to the working folder); the new config points at
 * that journal.
 */
export async function initCommand(options: ProjectOptions & { dir?: string | undefined; githubPages?: boolean }, output: Output): Promise<number> {
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
  const addWorkflow = async (): Promise<void> => {
    const workflow = path.join(dir, ...WORKFLOW_FILE.split("/"));
    report(workflow, await createFile(workflow, await readTemplate(WORKFLOW_TEMPLATE, undefined)), ", left as it is");
  };
  const pagesStep = "push to GitHub and set Settings → Pages → Source to GitHub Actions";
  if (options.githubPages === true && project.configFile !== undefined) {
    // A project kept for a while gets the workflow and nothing else: no blank entry for today appears in its journal.
    await addWorkflow();
    output.out("");
    output.out(`Next: ${pagesStep}.`);
    return EXIT.ok;
  }

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
  if (options.githubPages === true) await addWorkflow();
  output.out("");
  const steps: string[] = [];
  if (dir !== path.resolve(options.cwd)) steps.push(`cd ${displayPath(dir, options.cwd)}`);
  steps.push(`write today's wins in ${displayPath(entry, dir)}`);
  if (configFile !== path.join(dir, CONFIG_FILE)) steps.push(`pass --config ${displayPath(configFile, dir)} to every command`);
  output.out(`Next: ${steps.join(", ")}, then run ${c.bold("smallwins build")}${options.githubPages === true ? `; to publish, ${pagesStep}` : ""}.`);
  return EXIT.ok;
}
