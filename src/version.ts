import { readFileSync } from "node:fs";
import { packageFile } from "./io/package-root.js";

/** The package version, read once from package.json. */
export const VERSION = (JSON.parse(readFileSync(packageFile("package.json"), "utf8")) as { version: string }).version;
