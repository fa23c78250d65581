import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadProject, type ProjectOptions } from "../config/load.js";
import type { Config } from "../config/schema.js";
import { UsageError } from "../errors.js";
import { displayPath, listJournal, type FoundFile } from "../io/journal.js";
import { BUILTIN_TEMPLATES } from "../io/theme.js";
import { weekSummaryOf } from "../aggregate/weeks.js";
import { isoWeekOf, readIsoDate, readIsoWeek, type IsoDate, type IsoWeek } from "../model/calendar.js";
import { classifyPath } from "../parse/classify.js";
import { renderNewDay, renderNewWeek } from "../render/new-entry.js";
import { loadJournal } from "./analyze.js";
import { checkJournalFolder } from "../io/parse-journal.js";
import { hasErrors } from "../model/diagnostic.js";
import { EXIT, reportDiagnostics, type Output } from "./output.js";

/** Reads a template by name: the user's templates folder first, then the built-in one. */
export async function readTemplate(name: string, userDir: string | undefined): Promise<string> {
  if (userDir) {
    try {
      return await readFile(path.join(userDir, name), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  return readFile(path.join(BUILTIN_TEMPLATES, name), "utf8");
}

/** The file that already holds a day or a week, anywhere in the journal (any layout, any slug). */
export async function findEntry(journalDir: string, which: { date: IsoDate } | { week: IsoWeek }): Promise<FoundFile | undefined> {
  return (await listJournal(journalDir).catch(() => [])).find((f) => {
    const kind = classifyPath(f.relPath);
    return "week" in which ? kind.kind === "week" && kind.week === which.week : kind.kind === "day" && kind.date === which.date;
  });
}

/** Where `new` puts a daily entry: `journal/YYYY/MM/YYYY-MM-DD.md`. */
export function dayEntryPath(journalDir: string, date: IsoDate): string {
  return path.join(journalDir, date.slice(0, 4), date.slice(5, 7), `${date}.md`);
}

/** Where `new --week` puts a reflection: `journal/weeks/YYYY-Www.md`. */
export function weekEntryPath(journalDir: string, week: IsoWeek): string {
  return path.join(journalDir, "weeks", `${week}.md`);
}

/** Writes a new file; never replaces an existing one (the `wx` flag fails if it exists). */
export async function createFile(file: string, text: string): Promise<boolean> {
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(file, text, { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/** The text of today's (or `date`'s) new entry. */
export async function newDayText(date: IsoDate, config: Config, templatesDir: string | undefined): Promise<string> {
  return renderNewDay(await readTemplate("new/day.md", templatesDir), date, config);
}

/**
 * `smallwins new [DATE] [--week]`: creates the day's entry, or the week's
 * reflection prefilled with its numbers. Never overwrites: when the day or week
 * already has a file anywhere in the journal, prints that file's path instead,
 * so `$EDITOR "$(smallwins new)"` always opens the right file.
 */
export async function newCommand(options: ProjectOptions & { date?: string | undefined; week?: boolean }, output: Output): Promise<number> {
  // A bad DATE is a usage error, whatever state the journal is in: read it first.
  const wanted = options.date === undefined ? undefined : readWanted(options.date, options.week === true);
  // Only a reflection needs the journal's numbers; a day's entry needs the config alone.
  const project = await loadProject(options);
  const c = output.colors;
  // A broken config falls back to defaults, which could put the file in the wrong place: say so and create nothing.
  reportDiagnostics(output, project.diagnostics);
  if (hasErrors(project.diagnostics)) {
    output.err(c.red("fix the config first; nothing was created"));
    return EXIT.journalErrors;
  }
  await checkJournalFolder(project);
  let date: IsoDate = project.today;
  let week: IsoWeek = isoWeekOf(date);
  if (wanted?.date !== undefined) {
    date = wanted.date;
    week = isoWeekOf(date);
  } else if (wanted?.week !== undefined) {
    week = wanted.week;
  }
  const existing = await findEntry(project.journalDir, options.week ? { week } : { date });
  if (existing) {
    output.err(c.yellow(`${displayPath(existing.absolute, project.cwd)} already exists; not overwritten`));
    output.out(displayPath(existing.absolute, project.cwd));
    return EXIT.ok;
  }
  let target: string;
  let text: string;
  if (options.week) {
    target = weekEntryPath(project.journalDir, week);
    const { analysis } = await loadJournal(options);
    const template = await readTemplate("new/week.md", project.templatesDir);
    text = renderNewWeek(template, weekSummaryOf(analysis.model, week), project.config);
    const errors = analysis.diagnostics.filter((d) => d.severity === "error").length;
    if (errors > 0) {
      output.err(c.yellow(`note: the journal has ${errors} error${errors === 1 ? "" : "s"} (see smallwins check); the files with errors are not in these numbers`));
    }
  } else {
    target = dayEntryPath(project.journalDir, date);
    text = await newDayText(date, project.config, project.templatesDir);
  }
  if (!(await createFile(target, text))) {
    output.err(c.yellow(`${displayPath(target, project.cwd)} already exists; not overwritten`));
  }
  output.out(displayPath(target, project.cwd));
  return EXIT.ok;
}

/** Reads `new`'s DATE argument: a day, or with `--week` a day of the week or the week itself. */
function readWanted(text: string, week: boolean): { date?: IsoDate; week?: IsoWeek } {
  const asWeek = readIsoWeek(text.toUpperCase());
  if (week && asWeek.ok) return { week: asWeek.week };
  const asDate = readIsoDate(text);
  if (asDate.ok) return { date: asDate.date };
  if (asWeek.ok) throw new UsageError(`${text} is a week, not a day`, `add --week to create that week's reflection: smallwins new ${text} --week`);
  const message = week && !asWeek.ok && /^\d{4}-w/i.test(text) ? asWeek.message : asDate.message;
  throw new UsageError(`${text}: ${message}`, week ? "give a date (YYYY-MM-DD) or a week (YYYY-Www)" : "give the date as YYYY-MM-DD");
}
