import { createRequire } from "node:module";
import { formatDiagnostic, type Diagnostic } from "./model/diagnostic.js";
import { startWatch, type Watch, type WatchOptions } from "./watch.js";

const require = createRequire(import.meta.url);

/** The part of @11ty/eleventy-dev-server smallwins uses. */
interface DevServer {
  serve(port: number): void;
  ready(): Promise<void>;
  getServerUrl(host: string, pathname?: string): string;
  reload(event: { files: string[] }): void;
  close(): Promise<void>;
  server: import("node:http").Server;
  /** The folder served. */
  dir: string;
  augmentContentWithNotifier(content: string, inline?: boolean, options?: object): string;
}
type DevServerClass = new (name: string, dir: string, options: object) => DevServer;

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
  // The dev server listens on every interface by default; smallwins binds the host asked for (127.0.0.1).
  class LoopbackDevServer extends Base {
    _serverListen(port: number): void {
      this.server.listen({ port, host });
    }
    override augmentContentWithNotifier(content: string, inline?: boolean, opts?: object): string {
      const withReload = super.augmentContentWithNotifier(content, inline, opts);
      const tag = `<script src="/.smallwins/overlay.js"></script>`;
      return withReload.includes("</body>") ? withReload.replace("</body>", `${tag}</body>`) : withReload + tag;
    }
  }
  const server = new LoopbackDevServer("smallwins", watch.builder.current.outDir, {
    port: options.port,
    domDiff: false,
    showVersion: false,
    portReassignmentRetryCount: 20,
    messageOnStart: () => false,
    logger: { info: () => undefined, log: () => undefined, error: () => undefined },
    onRequest: {
      "/.smallwins/status.json": () => ({
        status: 200,
        headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
        body: JSON.stringify({ errors }),
      }),
      "/.smallwins/overlay.js": () => ({
        status: 200,
        headers: { "Content-Type": "text/javascript; charset=utf-8" },
        body: OVERLAY_SCRIPT,
      }),
    },
  });
  live.server = server;
  live.outDir = () => watch.builder.current.outDir;
  server.serve(options.port);
  await server.ready();
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
