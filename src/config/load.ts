import { readFile } from "node:fs/promises";
import path from "node:path";
import { dateInTimeZone, readIsoDate, type IsoDate } from "../model/calendar.js";
import { diagnostic, type Diagnostic } from "../model/diagnostic.js";
import { FileError, UsageError } from "../errors.js";
import { decodeText } from "../parse/decode.js";
import { parseYaml } from "../parse/frontmatter.js";
import { displayPath } from "../io/journal.js";
import { DEFAULT_CONFIG, validateConfig, type Config } from "./schema.js";

/** The config file looked for in the folder where the command runs. */
export const CONFIG_FILE = "smallwins.config.yaml";

/** Options every command takes (§5). */
export interface ProjectOptions {
  readonly cwd: string;
  readonly config?: string | undefined;
  readonly journal?: string | undefined;
  readonly out?: string | undefined;
  readonly today?: string | undefined;
  /** The clock's reading; only the shell reads the clock. */
  readonly now?: Date;
  /** When true, a missing `--config` file means the defaults rather than a usage error (for `init`, which creates it). */
  readonly configMayBeMissing?: boolean;
}

/** A project: the config with every path resolved, and today. */
export interface Project {
  readonly config: Config;
  /** The config file, when there is one. */
  readonly configFile?: string;
  /** The folder the config's paths are relative to (and where the cache lives). */
  readonly root: string;
  readonly journalDir: string;
  readonly outDir: string;
  readonly templatesDir?: string;
  readonly timezone: string;
  readonly today: IsoDate;
  readonly cwd: string;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Loads the config (the `--config` file, else `smallwins.config.yaml` in the
 * working folder, else defaults), applies command-line overrides, and decides
 * today. A missing `--config` file or a bad `--today` is a usage error; an
 * unreadable default config file is a file error.
 */
export async function loadProject(options: ProjectOptions): Promise<Project> {
  const { cwd } = options;
  const explicit = options.config !== undefined;
  const configPath = path.resolve(cwd, options.config ?? CONFIG_FILE);
  let bytes: Buffer | undefined;
  try {
    bytes = await readFile(configPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const missing = code === "ENOENT" || code === "ENOTDIR";
    if (!missing && !explicit) {
      throw new FileError(`cannot read the config file ${displayPath(configPath, cwd)}: ${code ?? String(error)}`, configPath, { cause: error, hint: "check the file's permissions" });
    }
    if (!missing || (explicit && options.configMayBeMissing !== true)) {
      const shown = displayPath(configPath, cwd);
      throw new UsageError(
        missing ? `the config file ${shown} does not exist` : `cannot read the config file ${shown}: ${code ?? String(error)}`,
        "check the path given to --config (relative to the folder where you run smallwins)",
        { cause: error },
      );
    }
  }
  const shown = displayPath(configPath, cwd);
  let config = DEFAULT_CONFIG;
  const diagnostics: Diagnostic[] = [];
  if (bytes) {
    const decoded = decodeText(new Uint8Array(bytes));
    if (!decoded.ok) {
      diagnostics.push(diagnostic("error", shown, decoded.at, "the config is not valid UTF-8 text", "save it with UTF-8 encoding"));
    } else {
      const yaml = parseYaml(decoded.text, 1);
      if (!yaml.ok) diagnostics.push(diagnostic("error", shown, yaml.problem.position, yaml.problem.message, yaml.problem.hint));
      else {
        const result = validateConfig(yaml.yaml.data, shown, yaml.yaml);
        config = result.config;
        diagnostics.push(...result.diagnostics);
      }
    }
  }
  // Paths in the config are relative to its folder (the working folder when there is no config file).
  const root = path.dirname(configPath);
  const timezone = config.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  let today: IsoDate;
  if (options.today !== undefined) {
    const reading = readIsoDate(options.today);
    if (!reading.ok) throw new UsageError(`--today: ${reading.message}`, "write the date as YYYY-MM-DD, e.g. --today 2026-11-21");
    today = reading.date;
  } else {
    today = dateInTimeZone(options.now ?? new Date(), timezone);
  }
  return {
    config,
    ...(bytes ? { configFile: configPath } : {}),
    root,
    journalDir: options.journal !== undefined ? path.resolve(cwd, options.journal) : path.resolve(root, config.journal),
    outDir: options.out !== undefined ? path.resolve(cwd, options.out) : path.resolve(root, config.out),
    ...(config.templates !== undefined ? { templatesDir: path.resolve(root, config.templates) } : {}),
    timezone,
    today,
    cwd,
    diagnostics,
  };
}
