import { realpathSync } from "node:fs";
import { STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { UsageError } from "./errors.js";
import { formatDiagnostic, type Diagnostic } from "./model/diagnostic.js";
import { allowedHostnames, guardRequest, guardUpgrade, type RequestHead } from "./serve-guard.js";
import { startWatch, type Watch, type WatchOptions } from "./watch.js";

const require = createRequire(import.meta.url);

/** The part of @11ty/eleventy-dev-server (2.x) smallwins uses or overrides. */
interface DevServer {
  serve(port: number): void;
  ready(): Promise<void>;
  reload(event: { files: string[] }): void;
  close(): Promise<void>;
  readonly server: Server;
  /** The folder served. */
  dir: string;
  /** The live-reload socket server, which `reload` broadcasts through. */
  updateServer?: WebSocketServer;
  sendUpdateNotification(message: object): void;
  augmentContentWithNotifier(content: string, inline?: boolean, options?: object): string;
  onRequestHandler(req: IncomingMessage, res: ServerResponse): Promise<void>;
  getOutputDirFilePath(filepath: string, filename?: string): string;
  renderFile(filepath: string, res: ServerResponse): void;
  setupReloadNotifier(): void;
  _serverListen(port: number): void;
  _serverErrorHandler(error: NodeJS.ErrnoException): void;
}
type DevServerClass = new (name: string, dir: string, options: object) => DevServer;

/** How many ports after --port serve tries when it is taken. */
const PORT_TRIES = 20;

/** How long live-reload clients get to close their sockets when serve stops. */
const CLOSE_GRACE_MS = 1000;

/** Sent with every file: no MIME sniffing, and no loading of the journal's files into other sites' pages. */
const SAFE_HEADERS = { "X-Content-Type-Options": "nosniff", "Cross-Origin-Resource-Policy": "same-origin" } as const;

/** The text of a refusal, the same over HTTP and on a raw socket. */
function refusalBody(status: number, reason: string): string {
  return `${status} ${STATUS_CODES[status] ?? ""}: ${reason}\n`;
}

/** Answers a request with a status and a plain-text reason. */
function answer(res: ServerResponse, status: number, reason: string): void {
  const body = refusalBody(status, reason);
  res.writeHead(status, {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    ...SAFE_HEADERS,
    ...(status === 405 ? { Allow: "GET, HEAD" } : {}),
  });
  res.end(body);
}

/** Answers on a socket taken over from the HTTP server (an upgrade or CONNECT), then closes it. */
function answerSocket(socket: Duplex, status: number, reason: string): void {
  const body = refusalBody(status, reason);
  socket.once("finish", () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** The parts of a request the guard decides on. */
function headOf(req: IncomingMessage): RequestHead {
  return { method: req.method ?? "", target: req.url ?? "", host: req.headersDistinct.host ?? [], origin: req.headersDistinct.origin ?? [] };
}

/** Whether `target` is `root` or inside it (both absolute and resolved). */
function isWithin(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** This machine's addresses, which a server bound to 0.0.0.0 or :: is reached by. */
function ownAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flatMap((list) => list ?? [])
    .map((a) => a.address);
}

/** The overlay script: shows the journal's errors over the page while there are any. */
const OVERLAY_SCRIPT = `(() => {
  const show = (status) => {
    document.getElementById("smallwins-overlay")?.remove();
    if (!status.errors.length) return;
    const box = document.createElement("div");
    box.id = "smallwins-overlay";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;z-index:2147483647;background:#2b1111;color:#ffe9e9;border:2px solid #e55;border-radius:12px;padding:1rem 1.25rem;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;box-shadow:0 8px 32px rgba(0,0,0,.4)";
    const title = document.createElement("strong");
    title.textContent = "smallwins: the journal has " + status.errors.length + " error" + (status.errors.length === 1 ? "" : "s") + " (the last good pages are shown)";
    box.append(title);
    for (const line of status.errors) {
      const p = document.createElement("pre");
      p.style.cssText = "white-space:pre-wrap;margin:.5rem 0 0";
      p.textContent = line;
      box.append(p);
    }
    document.body.append(box);
  };
  fetch("/.smallwins/status.json", { cache: "no-store" }).then((r) => r.json()).then(show, () => {});
})();`;

/** A running `serve`. */
export interface Serve {
  readonly url: string;
  readonly port: number;
  readonly watch: Watch;
  close(): Promise<void>;
}

/** Options of `serve`. */
export interface ServeOptions extends WatchOptions {
  readonly port: number;
  readonly host: string;
}

/**
 * Watches and serves the output folder with @11ty/eleventy-dev-server on a
 * loopback address: live reload after each build (the reload script is
 * injected into responses only, never written into the site), and an error
 * overlay while the journal has errors, cleared by the fix.
 *
 * The dev server gets only requests the guard (serve-guard.ts) let through,
 * rewritten to one canonical path; it reads only files whose real path is
 * inside the output folder; and whatever it throws becomes a response, so
 * no request can end the process or read outside the site.
 */
export async function startServe(options: ServeOptions): Promise<Serve> {
  let errors: string[] = [];
  // Set once the server exists; builds before that (the first one) have no page to reload.
  const live: { server?: DevServer; outDir?: () => string } = {};
  const watch = await startWatch({
    ...options,
    onBuild(report, trigger) {
      errors = report.diagnostics.filter((d: Diagnostic) => d.severity === "error").map(formatDiagnostic);
      options.onBuild(report, trigger);
      // A config edit may have moved the output folder: serve where the site is now.
      if (live.server && live.outDir) live.server.dir = live.outDir();
      // A full reload after every build: pages change, and the overlay must appear or clear.
      live.server?.reload({ files: report.written.length ? [...report.written] : ["index.html"] });
    },
  });
  const Base = require("@11ty/eleventy-dev-server") as DevServerClass;
  const host = options.host;
  const allowed = allowedHostnames(host, ownAddresses());
  const lastPort = options.port === 0 ? 0 : Math.min(65535, options.port + PORT_TRIES);
  let listening = false;
  let failListen: (error: Error) => void = () => undefined;
  const listenFailed = new Promise<never>((_, reject) => (failListen = reject));
  // Raced against readiness below; marked handled here so a late failure cannot become an unhandled rejection.
  listenFailed.catch(() => undefined);

  class GuardedDevServer extends Base {
    // The dev server listens on every interface by default; smallwins binds the host asked for (127.0.0.1).
    // It tries the next port on EADDRINUSE; the limit is kept here, since the dev server's own throws inside an event handler.
    override _serverListen(port: number): void {
      const tried = options.port === lastPort ? `port ${lastPort} is` : `ports ${options.port} to ${lastPort} are all`;
      if (port > lastPort) failListen(new UsageError(`--port ${options.port}: ${tried} taken`, "give a free port, e.g. --port 8080"));
      else this.server.listen({ port, host });
    }

    // The dev server only logs other server errors: before listening it would then never be ready.
    override _serverErrorHandler(error: NodeJS.ErrnoException): void {
      if (listening) options.onError(error);
      else failListen(new UsageError(`--host ${host}: cannot listen there (${error.code ?? error.message})`, "give an address of this machine, e.g. --host 127.0.0.1"));
    }

    override async onRequestHandler(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const verdict = guardRequest(headOf(req), allowed);
      if (!verdict.ok) return answer(res, verdict.status, verdict.reason);
      req.url = verdict.path;
      // With a Range header the dev server streams through `send`, which decodes the path a second time; a whole file is a valid answer.
      delete req.headers.range;
      try {
        await super.onRequestHandler(req, res);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // A build replaced the site between the dev server's check for a file and its read.
        const gone = code === "ENOENT" || code === "ENOTDIR";
        if (!gone) options.onError(error);
        try {
          if (res.headersSent) res.destroy();
          else answer(res, gone ? 404 : 500, gone ? "no such file" : "serve failed on this request, and keeps serving");
        } catch {
          res.destroy();
        }
      }
    }

    // The dev server decodes the whole joined path, output folder included, and checks it with a bare
    // string prefix (so site-old/ passed as inside site/). The guard's path is decoded once here, name by name.
    override getOutputDirFilePath(filepath: string, filename = ""): string {
      const root = path.resolve(this.dir);
      const names = decodeURIComponent(filepath).split("/").filter(Boolean);
      // `/name` may be `name.html`; the root has no such file inside the folder, so it maps to its index.
      const file =
        filename === ".html"
          ? names.length
            ? path.join(root, ...names.slice(0, -1), `${names.at(-1)!}.html`)
            : path.join(root, "index.html")
          : path.join(root, ...names, filename);
      // The guard's names hold no slash, backslash or dot segment, so this cannot happen; were it to, it is a missing file.
      if (!isWithin(root, file)) throw Object.assign(new Error(`not inside the output folder: ${filepath}`), { code: "ENOENT" });
      return file;
    }

    // The one place file bytes are read: a symlink in the site that leads outside it is not followed.
    override renderFile(filepath: string, res: ServerResponse): void {
      if (!isWithin(realpathSync(this.dir), realpathSync(filepath))) return answer(res, 404, "the file is a link to outside the site");
      super.renderFile(filepath, res);
    }

    // Replaces the dev server's socket setup, which accepts any Origin and has no error listener on a
    // socket (a malformed frame ended the process).
    override setupReloadNotifier(): void {
      const sockets = new WebSocketServer({ noServer: true, maxPayload: 4096 });
      sockets.on("connection", (socket) => {
        socket.on("error", () => socket.terminate());
        this.sendUpdateNotification({ type: "eleventy.status", status: "connected" });
      });
      this.server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
        socket.on("error", () => socket.destroy());
        const verdict = guardUpgrade({ ...headOf(req), upgrade: req.headers.upgrade ?? "" }, allowed);
        if (!verdict.ok) return answerSocket(socket, verdict.status, verdict.reason);
        sockets.handleUpgrade(req, socket, head, (client) => sockets.emit("connection", client, req));
      });
      // Without a listener Node drops a CONNECT without a word.
      this.server.on("connect", (_req: IncomingMessage, socket: Duplex) => {
        socket.on("error", () => socket.destroy());
        answerSocket(socket, 405, "only GET and HEAD are served");
      });
      this.updateServer = sockets;
    }

    override async close(): Promise<void> {
      const closing = super.close();
      // The dev server waits for each live-reload client to answer the closing handshake: one that never
      // does would hold Ctrl-C for ws's 30 s.
      const grace = setTimeout(() => {
        for (const client of this.updateServer?.clients ?? []) client.terminate();
      }, CLOSE_GRACE_MS);
      try {
        await closing;
      } finally {
        clearTimeout(grace);
      }
    }

    override augmentContentWithNotifier(content: string, inline?: boolean, opts?: object): string {
      const withReload = super.augmentContentWithNotifier(content, inline, opts);
      const tag = `<script src="/.smallwins/overlay.js"></script>`;
      return withReload.includes("</body>") ? withReload.replace("</body>", `${tag}</body>`) : withReload + tag;
    }
  }
  const server = new GuardedDevServer("smallwins", watch.builder.current.outDir, {
    port: options.port,
    domDiff: false,
    showVersion: false,
    // GuardedDevServer._serverListen keeps the limit.
    portReassignmentRetryCount: 65536,
    messageOnStart: () => false,
    headers: SAFE_HEADERS,
    logger: { info: () => undefined, log: () => undefined, error: () => undefined },
    onRequest: {
      "/.smallwins/status.json": () => ({
        status: 200,
        headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...SAFE_HEADERS },
        body: JSON.stringify({ errors }),
      }),
      "/.smallwins/overlay.js": () => ({
        status: 200,
        headers: { "Content-Type": "text/javascript; charset=utf-8", ...SAFE_HEADERS },
        body: OVERLAY_SCRIPT,
      }),
    },
  });
  live.server = server;
  live.outDir = () => watch.builder.current.outDir;
  server.serve(options.port);
  try {
    await Promise.race([server.ready(), listenFailed]);
    listening = true;
  } catch (error) {
    await watch.close();
    await server.close();
    throw error;
  }
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    watch,
    async close() {
      await watch.close();
      await server.close();
    },
  };
}
