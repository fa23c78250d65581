#!/usr/bin/env node
import v8 from "node:v8";
import { Command, CommanderError, Option } from "commander";
import { EXIT, colorsFor, type Output } from "./commands/output.js";
import { FileError, UsageError } from "./errors.js";
import { VERSION } from "./version.js";

// Commands are loaded when run, so that --help, --version and usage errors do
// not pay for loading the Markdown and YAML stack.
const checkCommand: Command$<"check"> = async (o, out) => (await import("./commands/check.js")).checkCommand(o, out);
const statsCommand: Command$<"stats"> = async (o, out) => (await import("./commands/stats.js")).statsCommand(o, out);
const newCommand: Command$<"new"> = async (o, out) => (await import("./commands/new.js")).newCommand(o, out);
const initCommand: Command$<"init"> = async (o, out) => (await import("./commands/init.js")).initCommand(o, out);
const buildCommand: Command$<"build"> = async (o, out) => (await import("./commands/build.js")).buildCommand(o, out);
const watchCommand: Command$<"watch"> = async (o, out) => (await import("./commands/watch.js")).watchCommand(o, out);
const serveCommand: Command$<"serve"> = async (o, out) => (await import("./commands/watch.js")).serveCommand(o, out);

interface Commands {
  check: typeof import("./commands/check.js").checkCommand;
  stats: typeof import("./commands/stats.js").statsCommand;
  new: typeof import("./commands/new.js").newCommand;
  init: typeof import("./commands/init.js").initCommand;
  build: typeof import("./commands/build.js").buildCommand;
  watch: typeof import("./commands/watch.js").watchCommand;
  serve: typeof import("./commands/watch.js").serveCommand;
}
type Command$<K extends keyof Commands> = Commands[K];


interface CommonFlags {
  cache?: boolean;
  out?: string;
  journal?: string;
  config?: string;
  today?: string;
}

function common(command: Command): Command {
  return command
    .addOption(new Option("--journal <dir>", "the journal folder (default: from the config, else ./journal)"))
    .addOption(new Option("--config <file>", "the config file (default: ./smallwins.config.yaml)"))
    .addOption(new Option("--today <date>", "take this date (YYYY-MM-DD) as today, for reproducible output"))
    .addOption(new Option("--no-cache", "ignore the parse cache in .smallwins-cache/ (and do not update it)"));
}

/**
 * Runs smallwins with `argv` (without `node` and the script) and returns the
 * exit code. The only place that knows about exit codes and the console.
 */
export async function main(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): Promise<number> {
  const output: Output = {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    colors: colorsFor(process.stderr, env),
  };
  let cwd: string;
  try {
    cwd = process.cwd();
  } catch {
    // The folder the command was run in was deleted (or renamed) under the shell.
    output.err(`${output.colors.red(output.colors.bold("error:"))} the current folder no longer exists\n  hint: cd into your project folder again, e.g. \`cd "$PWD"\``);
    return EXIT.usage;
  }
  let code: number = EXIT.ok;
  const run =
    <T extends object>(fn: (options: T, output: Output) => Promise<number>) =>
    async (options: T): Promise<void> => {
      code = await fn(options, output);
    };
  const base = (flags: CommonFlags) => ({ cwd, journal: flags.journal, config: flags.config, today: flags.today, cache: flags.cache !== false });

  const program = new Command("smallwins")
    .description("A static progress site for a small-wins journal: streaks, weekly reflections, level-ups and milestones.")
    .version(VERSION, "-v, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(s),
    });

  common(program.command("build"))
    .description("build the site once into the output folder (atomically: a failed build leaves the old site)")
    .addOption(new Option("--out <dir>", "the output folder (default: from the config, else ./site)"))
    .action((flags: CommonFlags) => run(buildCommand)({ ...base(flags), out: flags.out }));

  common(program.command("watch"))
    .description("build, then rebuild on every change, re-rendering only the pages whose data changed; Ctrl-C stops")
    .addOption(new Option("--out <dir>", "the output folder (default: from the config, else ./site)"))
    .option("--poll", "poll for changes instead of file-system events (network drives, WSL)")
    .action((flags: CommonFlags & { poll?: boolean }) => run(watchCommand)({ ...base(flags), out: flags.out, poll: flags.poll === true }));

  common(program.command("serve"))
    .description("watch and serve the site on a local address with live reload and an error overlay; Ctrl-C stops")
    .addOption(new Option("--out <dir>", "the output folder (default: from the config, else ./site)"))
    .option("--port <n>", "the port; the next free one when it is taken", "8080")
    .option("--host <address>", "the address to listen on; requests must name it, localhost, 127.0.0.1 or [::1]", "127.0.0.1")
    .option("--poll", "poll for changes instead of file-system events (network drives, WSL)")
    .action((flags: CommonFlags & { poll?: boolean; port: string; host: string }) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${flags.port}: not a port number`, "give a whole number from 1 to 65535, e.g. --port 8080");
      return run(serveCommand)({ ...base(flags), out: flags.out, poll: flags.poll === true, port, host: flags.host });
    });

  common(program.command("check"))
    .description("validate the config and every journal file; exit 1 on errors (fits a git pre-commit hook)")
    .action((flags: CommonFlags) => run(checkCommand)(base(flags)));

  common(program.command("stats"))
    .description("streaks, totals and this week in the terminal")
    .option("--json", "print one JSON object instead (its fields: docs/commands.md)")
    .action((flags: CommonFlags & { json?: boolean }) => run(statsCommand)({ ...base(flags), json: flags.json === true }));

  common(program.command("new"))
    .description("create the day's entry (or with --week the week's reflection) and print its path; never overwrites")
    .argument("[date]", "the day (YYYY-MM-DD), or with --week a day of the week or the week itself (YYYY-Www); default: today")
    .option("--week", "create the weekly reflection, prefilled with the week's numbers and prompts")
    .action((date: string | undefined, flags: CommonFlags & { week?: boolean }) => run(newCommand)({ ...base(flags), date, week: flags.week === true }));

  common(program.command("init"))
    .description("start a journal project: config, journal/ with today's entry, .gitignore; never overwrites")
    .argument("[dir]", "the folder to set up (default: the current folder)")
    .option("--github-pages", "also write .github/workflows/smallwins.yml, which builds the site and deploys it to GitHub Pages (alone in a project that has a config)")
    .action((dir: string | undefined, flags: CommonFlags & { githubPages?: boolean }) => run(initCommand)({ ...base(flags), dir, githubPages: flags.githubPages === true }));

  try {
    if (argv.length === 0) {
      // A call without a command is a usage error: the help goes to stderr, like every usage message.
      program.outputHelp({ error: true });
      return EXIT.usage;
    }
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (error) {
    const c = output.colors;
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return EXIT.ok;
      return EXIT.usage;
    }
    if (error instanceof UsageError) {
      output.err(`${c.red(c.bold("usage error:"))} ${error.message}${error.hint ? `\n  hint: ${error.hint}` : ""}`);
      return EXIT.usage;
    }
    if (error instanceof FileError) {
      output.err(`${c.red(c.bold("error:"))} ${error.message}${error.hint ? `\n  hint: ${error.hint}` : ""}`);
      return EXIT.journalErrors;
    }
    throw error;
  }
}

// mdast-util-from-markdown makes the tree of every file through `compiler`,
// which makes its sixty handler functions anew on each call. V8 optimizes it
// as a hot function, and that one compilation was a fifth of all optimizing time
// in a build, paid again by every parse worker on the cores that parse; run
// unoptimized it costs far less than that. Measured on 10,000 entries (two
// workers, 4 runs each): 0.5 s less CPU on V8's compiler threads, 0.2 s less
// parse time. Only the CLI sets this V8 flag: it is the process's own.
v8.setFlagsFromString("--turbo-filter=-compiler");

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`smallwins: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nPlease report this with the command you ran.\n`);
    process.exitCode = 70;
  },
);
