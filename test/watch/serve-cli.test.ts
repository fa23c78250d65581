/**
 * `smallwins serve` end to end: the real binary in a temporary project, HTTP
 * over 127.0.0.1 only, the live-reload WebSocket of @11ty/eleventy-dev-server,
 * the error status the overlay reads, port reassignment and a clean Ctrl-C.
 */
import { readFile, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { runCli, useTempDirs } from "../helpers/cli.js";
import { get, startServing, type Serving } from "../helpers/serve.js";
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

/** The fixture project with today's entry, served by `smallwins serve --today 2026-11-21 --port PORT ARGS`. */
function serving(port = 0, args: readonly string[] = []): Promise<Serving> {
  return startServing({ tempDir, startCli }, { port, args });
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
    // Its one script is the search box's own (search/boot.js), nothing of serve's.
    expect(onDisk.match(/<script[^>]*>/g)).toEqual(['<script src="search/boot.js" defer>']);
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

  it("says the ports are taken, and exits with 2, when none from --port to 65535 is free", async () => {
    // Held here, or by something else already: either way it is taken.
    const holder = await listenOn(65535).catch(() => undefined);
    if (holder) holders.push(holder.server);
    const root = await tempDir("smallwins-serve-");
    await writeFixture(root);
    const result = await runCli(["serve", "--today", TODAY, "--port", "65535"], { cwd: root });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain("--port 65535: port 65535 is taken");
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

/** Whether this machine can listen on `address` (Linux routes all of 127.0.0.0/8 to loopback; macOS only 127.0.0.1). */
function canListen(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ host: address, port: 0 }, () => server.close(() => resolve(true)));
  });
}
const SECOND_LOOPBACK = "127.0.0.2";
const hasSecondLoopback = await canListen(SECOND_LOOPBACK);

/** Opens a WebSocket to the live-reload socket; resolves with it when open, or with the status a refusal had. */
function openSocket(url: string, options: WebSocket.ClientOptions = {}): Promise<{ socket?: WebSocket; refused?: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, options);
    sockets.push(socket);
    socket.once("open", () => resolve({ socket }));
    socket.once("unexpected-response", (_request, response) => {
      resolve({ refused: response.statusCode ?? 0 });
      socket.terminate();
    });
    socket.once("error", reject);
  });
}

describe("smallwins serve answers its own names only (DNS rebinding)", () => {
  it("gives 403 to a foreign Host for pages and the error status, and serves localhost, 127.0.0.1 and [::1]", async () => {
    const s = await serving();
    // 127.0.0.2 is loopback too, but not the address serve was asked to bind.
    const foreign = [`evil.example:${s.port}`, `127.0.0.1.evil.example:${s.port}`, `localhost.evil.example:${s.port}`, "evil.example", `${SECOND_LOOPBACK}:${s.port}`];
    for (const host of foreign) {
      for (const pathname of ["/index.html", "/", "/.smallwins/status.json", "/wins.json"]) {
        const response = await get(s.url, pathname, { host });
        expect(response.status, `${host} ${pathname}`).toBe(403);
        expect(response.body).not.toContain("Fixture wins");
        expect(response.body).not.toContain("errors");
      }
    }
    for (const host of [`localhost:${s.port}`, `127.0.0.1:${s.port}`, `[::1]:${s.port}`]) {
      const page = await get(s.url, "/index.html", { host });
      expect(page.status, host).toBe(200);
      expect(page.body).toContain("Fixture wins");
      expect((await get(s.url, "/.smallwins/status.json", { host })).body).toBe('{"errors":[]}');
    }
    await stopCleanly(s);
  });

  it("opens the live-reload socket to this server's own origin only", async () => {
    const s = await serving();
    const ws = `ws://127.0.0.1:${s.port}/`;
    expect(await openSocket(ws, { origin: `http://evil.example:${s.port}` })).toEqual({ refused: 403 });
    expect(await openSocket(ws, { origin: `http://127.0.0.1:${s.port + 1}` })).toEqual({ refused: 403 });
    expect(await openSocket(ws, { origin: "null" })).toEqual({ refused: 403 });
    expect(await openSocket(ws, { headers: { host: `evil.example:${s.port}` }, origin: `http://evil.example:${s.port}` })).toEqual({ refused: 403 });
    expect(await openSocket(`ws://127.0.0.1:${s.port}/elsewhere`, { origin: `http://127.0.0.1:${s.port}` })).toEqual({ refused: 404 });

    const own = await openSocket(ws, { origin: `http://127.0.0.1:${s.port}` });
    expect(own.socket?.readyState).toBe(WebSocket.OPEN);
    const viaLocalhost = await openSocket(`ws://localhost:${s.port}/`, { origin: `http://localhost:${s.port}`, family: 4 });
    expect(viaLocalhost.socket?.readyState).toBe(WebSocket.OPEN);
    // The allowed socket gets reloads: the refused ones never reached the server's list.
    const messages: string[] = [];
    own.socket!.on("message", (data: WebSocket.RawData) => messages.push(data.toString()));
    await writeFile(s.abs(TODAY_ENTRY), dayEntry({ wins: ["Made tea", "Seen by my own page"], mood: 4 }));
    await waitFor(() => messages.some((m) => m.includes('"eleventy.reload"')), "a reload on the page's own socket");
    await stopCleanly(s);
  });

  it.skipIf(!hasSecondLoopback)("listens on the --host address and answers to it as well as to localhost", async () => {
    const s = await serving(0, ["--host", SECOND_LOOPBACK]);
    expect(s.url.hostname).toBe(SECOND_LOOPBACK);
    expect(await canConnect("127.0.0.1", s.port)).toBe(false);
    const page = await get(s.url, "/index.html");
    expect(page.status).toBe(200);
    expect(page.body).toContain("Fixture wins");
    expect((await get(s.url, "/index.html", { host: `localhost:${s.port}` })).status).toBe(200);
    expect((await get(s.url, "/index.html", { host: `evil.example:${s.port}` })).status).toBe(403);
    const ws = `ws://${SECOND_LOOPBACK}:${s.port}/`;
    expect((await openSocket(ws, { origin: `http://${SECOND_LOOPBACK}:${s.port}` })).socket?.readyState).toBe(WebSocket.OPEN);
    expect(await openSocket(ws, { origin: `http://evil.example:${s.port}` })).toEqual({ refused: 403 });
    await stopCleanly(s);
  });
});
