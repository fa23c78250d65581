/**
 * Which Chromium the browser tests drive: Debian's /usr/bin/chromium when it is
 * installed, otherwise the one the npm package `@sparticuz/chromium` ships
 * inside itself (a Brotli-packed headless shell, unpacked once to a folder of
 * its own under the temporary folder). Nothing is downloaded: the package came
 * with `npm install`.
 *
 * This module imports nothing from vitest, so the global setup can use it.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

/** Debian's Chromium (`apt-get install chromium`), preferred when present. */
export const SYSTEM_CHROMIUM = "/usr/bin/chromium";

/** A Chromium binary the tests can launch, and where it came from. */
export interface FoundChromium {
  readonly executablePath: string;
  readonly source: "system" | "@sparticuz/chromium";
}

/** How old an unfinished unpacking folder must be before it counts as left by a killed run. */
const ABANDONED_AFTER_MS = 10 * 60_000;

/**
 * Finds the Chromium to drive, unpacking the npm package's copy when there is
 * no system one. Safe to call from several processes at once: each unpacks
 * into a private folder and renames it into place, so a binary that is still
 * being written (or was cut short by a killed run) is never launched.
 */
export async function findChromium(): Promise<FoundChromium> {
  if (existsSync(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, source: "system" };
  return { executablePath: await unpackPackagedChromium(), source: "@sparticuz/chromium" };
}

async function unpackPackagedChromium(): Promise<string> {
  const require = createRequire(import.meta.url);
  const packageDir = path.resolve(path.dirname(require.resolve("@sparticuz/chromium")), "..", "..");
  const { version } = JSON.parse(await readFile(path.join(packageDir, "package.json"), "utf8")) as { version: string };
  // Per version and per user: the binary is unpacked with mode 0700.
  const name = `smallwins-chromium-${version}-${String(process.getuid?.() ?? "user")}`;
  const finalDir = path.join(os.tmpdir(), name);
  const binary = path.join(finalDir, "chromium");
  if (existsSync(binary)) return binary;

  await removeAbandoned(os.tmpdir(), `${name}.partial-`);
  const staging = await mkdtemp(path.join(os.tmpdir(), `${name}.partial-`));
  try {
    // The package unpacks into os.tmpdir() and trusts whatever it finds there
    // (an existing /tmp/chromium, even a truncated one), so point it at the
    // empty private folder for the length of the call.
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = staging;
    try {
      const { default: chromium } = await import("@sparticuz/chromium");
      const unpacked = await chromium.executablePath();
      if (path.dirname(unpacked) !== staging) throw new Error(`@sparticuz/chromium unpacked to ${unpacked}, not into ${staging}`);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    try {
      await rename(staging, finalDir);
    } catch (error) {
      // Another process finished first: use its folder, drop ours.
      if (!existsSync(binary)) throw error;
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return binary;
}

/** Removes unpacking folders that a killed run left (old ones only: a live run may own a young one). */
async function removeAbandoned(parent: string, prefix: string): Promise<void> {
  for (const entry of await readdir(parent)) {
    if (!entry.startsWith(prefix)) continue;
    const dir = path.join(parent, entry);
    const info = await stat(dir).catch(() => undefined);
    if (info !== undefined && Date.now() - info.mtimeMs > ABANDONED_AFTER_MS) await rm(dir, { recursive: true, force: true });
  }
}
