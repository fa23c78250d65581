// Runs the smallwins CLI in this process and reports its peak memory (maxRSS,
// KiB, worker threads included) on stderr when it exits: `maxRSS=123456`.
import { pathToFileURL } from "node:url";
const [cli, ...argv] = process.argv.slice(2);
process.argv = [process.argv[0], cli, ...argv];
process.on("exit", () => process.stderr.write(`\nmaxRSS=${process.resourceUsage().maxRSS}\n`));
await import(pathToFileURL(cli).href);
