/**
 * `smallwins serve` end to end: the real binary in a temporary project, HTTP
 * over 127.0.0.1 only, the live-reload WebSocket of @11ty/eleventy-dev-server,
 * the error status the overlay reads, port reassignment and a clean Ctrl-C.
 */
import { readFile, writeFile } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { useTempDirs } from "../helpers/cli.js";
import {
  FIXTURE_CONFIG,
  TODAY,
  canConnect,
  closeServer,
  dayEntry,
  dayPath,
  listenOn,
  readIfExists,
  useCliProcesses,
  waitFor,
  writeFixture,
  type RunningCli,
} from "../helpers/watch.js";

const tempDir = useTempDirs();
const startCli = useCliProcesses();

const TODAY_ENTRY = dayPath(TODAY);

/** Sockets and servers a test opened, closed after it. */
const sockets: WebSocket[] = [];
const holders: import("node:net").Server[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await Promise.all(holders.splice(0).map(closeServer));
});

interface Serving {
  readonly root: string;
  readonly cli: RunningCli;
  readonly url: URL;
  abs(rel: string): string;
}

/** The fixture project with today's entry, served by `smallwins serve --today 2026-11-21 --port PORT`. */
async function serving(port = 0): Promise<Serving> {
  const root = await tempDir("smallwins-serve-");
  await writeFixture(root, { [TODAY_ENTRY]: dayEntry({ wins: ["Made tea"], mood: 3 }) });
  const cli = startCli(["serve", "--today", TODAY, "--port", String(port)], root);
  const index = await cli.waitForLine(/^serving site at http:\/\/\S+\/ with live reload; Ctrl-C stops$/, 0, { timeoutMs: 30_000 });
  const url = new URL(/at (http:\/\/\S+\/)/.exec(cli.lines[index]!)![1]!);
  return { root, cli, url, abs: (rel) => path.join(root, ...rel.split("/")) };
}

/** A GET over HTTP/1.1 as a browser navigation (Node's fetch marks itself as a script fetch, which gets no reload script). */
function get(url: URL, pathname: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(new URL(pathname, url), { headers: { "sec-fetch-mode": "navigate", accept: "text/html,*/*" } }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, type: String(response.headers["content-type"] ?? ""), body }));
    });
    request.on("error", reject);
    request.setTimeout(10_000, () => request.destroy(new Error(`GET ${pathname} timed out`)));
  });
}

async function status(s: Serving): Promise<string[]> {
  const response = await get(s.url, "/.smallwins/status.json");
  expect(response.status).toBe(200);
  return (JSON.parse(response.body) as { errors: string[] }).errors;
}

async function stopCleanly(s: Serving): Promise<void> {
  const { code, signal } = await s.cli.stop();
  expect({ code, signal }, s.cli.stderr()).toEqual({ code: 0, signal: null });
  expect(s.cli.lines.at(-1)).toBe("stopped");
}

/** Addresses of this machine other than loopback. */
function otherAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => !a.internal)
    .map((a) => a.address);
}

describe("smallwins serve", () => {
  it("binds 127.0.0.1 only, and injects the reload client and the overlay into served HTML only", async () => {
    const s = await serving();
    expect(s.url.hostname).toBe("127.0.0.1");
    const port = Number(s.url.port);
    expect(port).toBeGreaterThan(0);
    expect(await canConnect("127.0.0.1", port)).toBe(true);
    for (const address of ["::1", ...otherAddresses()]) expect(await canConnect(address, port), address).toBe(false);

    const page = await get(s.url, "/index.html");
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.body).toMatch(/<script type="module" integrity="[^"]+" src="\/\.11ty\/reload-client\.js"><\/script>/);
    expect(page.body).toContain('<script src="/.smallwins/overlay.js"></script>');
    const day = await get(s.url, `/days/${TODAY}.html`);
    expect(day.body).toContain("Made tea");
    expect(day.body).toContain("/.smallwins/overlay.js");

    // The built site itself has neither: no live-reload script is ever written.
    const onDisk = await readFile(s.abs("site/index.html"), "utf8");
    expect(onDisk).not.toContain("reload-client");
    expect(onDisk).not.toContain("/.smallwins/");
    expect(onDisk).not.toContain("<script");
    // Other files are served as they are.
    const json = await get(s.url, "/wins.json");
    expect(json.body).toBe(await readFile(s.abs("site/wins.json"), "utf8"));
    const overlay = await get(s.url, "/.smallwins/overlay.js");
    expect(overlay.status).toBe(200);
    expect(overlay.type).toMatch(/javascript/);
    expect(overlay.body).toContain("smallwins-overlay");
    expect(await status(s)).toEqual([]);
    await stopCleanly(s);
  });

  it("sends eleventy.reload over the WebSocket after an edit; status.json lists a broken entry's error until the fix", async () => {
    const s = await serving();
    const messages: { type?: string; files?: string[] }[] = [];
    const socket = new WebSocket(`ws://127.0.0.1:${s.url.port}/`);
    sockets.push(socket);
    socket.on("message", (data: WebSocket.RawData) => messages.push(JSON.parse(data.toString()) as { type?: string }));
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });

    await writeFile(s.abs(TODAY_ENTRY), dayEntry({ wins: ["Made tea", "Reloaded live"], mood: 4 }));
    const reload = await waitFor(() => messages.find((m) => m.type === "eleventy.reload"), () => `an eleventy.reload message; got ${JSON.stringify(messages)}`);
    expect(reload.files).toContain(`days/${TODAY}.html`);
    // (A save may take two builds, the truncated file and then the full one: wait for the last.)
    await waitFor(async () => (await get(s.url, `/days/${TODAY}.html`)).body.includes("Reloaded live"), "the edit served");

    const reloads = (): number => messages.filter((m) => m.type === "eleventy.reload").length;
    const before = reloads();
    // Lines: 1 ---, 2 wins:, 3 - "Half-written", 4 mood: 9 (the value at column 7).
    await writeFile(s.abs(TODAY_ENTRY), dayEntry({ wins: ["Half-written"], mood: 9 }));
    const errors = await waitFor(async () => {
      const list = await status(s);
      return list.length ? list : undefined;
    }, "an error in status.json");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^journal\/2026\/11\/2026-11-21\.md:4:7: error: `mood` must be a whole number from 1 to 5/);
    await waitFor(() => reloads() > before, "a reload after the broken save, so the overlay shows");
    // The last good page keeps being served.
    expect((await get(s.url, `/days/${TODAY}.html`)).body).toContain("Reloaded live");

    await writeFile(s.abs(TODAY_ENTRY), dayEntry({ wins: ["Fixed it"], mood: 4 }));
    await waitFor(async () => (await get(s.url, `/days/${TODAY}.html`)).body.includes("Fixed it"), "the fixed entry served");
    await waitFor(async () => (await status(s)).length === 0, "status.json to be empty after the fix");
    await stopCleanly(s);
  });

  it("takes the next free port when the one asked for is taken, and frees it on Ctrl-C", async () => {
    const holder = await listenOn(0);
    holders.push(holder.server);
    const s = await serving(holder.port);
    const port = Number(s.url.port);
    expect(port).toBeGreaterThan(holder.port);
    expect(port).toBeLessThanOrEqual(holder.port + 20);
    expect((await get(s.url, "/index.html")).status).toBe(200);

    await stopCleanly(s);
    expect(await canConnect("127.0.0.1", port)).toBe(false);
    // Free again: this process can listen on it.
    const again = await listenOn(port);
    await closeServer(again.server);
  });

  it("serves from the new output folder after a config edit moves it", async () => {
    const s = await serving();
    await writeFile(s.abs("smallwins.config.yaml"), `${FIXTURE_CONFIG}out: public\n`);
    await waitFor(async () => (await readIfExists(s.abs("public/index.html")))?.includes("Fixture wins"), "the whole site in public/");
    await writeFile(s.abs(TODAY_ENTRY), dayEntry({ wins: ["Served from public"] }));
    await waitFor(async () => (await readIfExists(s.abs(`public/days/${TODAY}.html`)))?.includes("Served from public"), "the edit in public/");
    expect((await get(s.url, `/days/${TODAY}.html`)).body).toContain("Served from public");
    expect(await readIfExists(s.abs(`site/days/${TODAY}.html`))).not.toContain("Served from public");
    await stopCleanly(s);
  });
});
