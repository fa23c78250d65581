/**
 * Helpers for the `smallwins serve` tests: the fixture project served by the
 * real binary on 127.0.0.1, requests over Node's HTTP client, and raw
 * requests over a TCP socket for what an HTTP client would refuse to send.
 */
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { TODAY, dayEntry, dayPath, writeFixture, type RunningCli, type useCliProcesses } from "./watch.js";

/** A running `smallwins serve` on the fixture project. */
export interface Serving {
  readonly root: string;
  readonly cli: RunningCli;
  /** The URL it printed. */
  readonly url: URL;
  readonly port: number;
  /** An absolute path in the project, from a relative one with `/`. */
  abs(rel: string): string;
}

/** What a served project needs: a temporary folder maker and a child starter (both from their `use…` hooks). */
export interface ServeHooks {
  readonly tempDir: (prefix?: string) => Promise<string>;
  readonly startCli: ReturnType<typeof useCliProcesses>;
}

/**
 * The fixture project with today's entry, served by `smallwins serve --today
 * 2026-11-21 --port PORT` (0: any free port) plus `args`; `files` are written
 * into the project first.
 */
export async function startServing(hooks: ServeHooks, options: { port?: number; args?: readonly string[]; files?: Readonly<Record<string, string>> } = {}): Promise<Serving> {
  const root = await hooks.tempDir("smallwins-serve-");
  await writeFixture(root, { [dayPath(TODAY)]: dayEntry({ wins: ["Made tea"], mood: 3 }), ...options.files });
  const cli = hooks.startCli(["serve", "--today", TODAY, "--port", String(options.port ?? 0), ...(options.args ?? [])], root);
  const index = await cli.waitForLine(/^serving site at http:\/\/\S+\/ with live reload; Ctrl-C stops$/, 0, { timeoutMs: 30_000 });
  const url = new URL(/at (http:\/\/\S+\/)/.exec(cli.lines[index]!)![1]!);
  return { root, cli, url, port: Number(url.port), abs: (rel) => path.join(root, ...rel.split("/")) };
}

/** A response read whole. */
export interface Fetched {
  readonly status: number;
  readonly type: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/**
 * A GET over HTTP/1.1 as a browser navigation (Node's fetch marks itself as a
 * script fetch, which gets no reload script), with extra `headers` (a `host`
 * among them replaces the real one).
 */
export function get(url: URL, pathname: string, headers: Readonly<Record<string, string>> = {}): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const request = http.get(new URL(pathname, url), { headers: { "sec-fetch-mode": "navigate", accept: "text/html,*/*", ...headers } }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, type: String(response.headers["content-type"] ?? ""), headers: response.headers, body }));
    });
    request.on("error", reject);
    request.setTimeout(10_000, () => request.destroy(new Error(`GET ${pathname} timed out`)));
  });
}

/** A raw response: its bytes, and the status and parts when there is a status line. */
export interface RawResponse {
  readonly bytes: Buffer;
  /** Undefined when no status line came before the connection closed. */
  readonly status: number | undefined;
  /** The status line and headers, as text. */
  readonly head: string;
  /** The body (de-chunked when the response is chunked). */
  readonly body: Buffer;
}

/**
 * Sends `request` as it is over a new TCP connection to 127.0.0.1:`port`
 * and reads until the server closes it. A reset counts as a close: a server
 * may answer and close before it has read all a huge request.
 */
export function rawRequest(port: number, request: string | Buffer, timeoutMs = 10_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ host: "127.0.0.1", port });
    let settled = false;
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(parseRaw(Buffer.concat(chunks)));
    };
    const timer = setTimeout(() => finish(new Error(`no end of response within ${timeoutMs} ms for ${JSON.stringify(String(request).slice(0, 200))}`)), timeoutMs);
    socket.on("connect", () => socket.write(request));
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("end", () => finish());
    socket.on("close", () => finish());
    socket.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ECONNRESET" || error.code === "EPIPE") finish();
      else finish(error);
    });
  });
}

/** Splits raw response bytes into status, head and body (after any 100 Continue). */
function parseRaw(bytes: Buffer): RawResponse {
  let start = 0;
  while (/^HTTP\/1\.[01] 100 /.test(bytes.toString("latin1", start, start + 13))) {
    const next = bytes.indexOf("\r\n\r\n", start);
    if (next === -1) break;
    start = next + 4;
  }
  const end = bytes.indexOf("\r\n\r\n", start);
  const head = bytes.toString("latin1", start, end === -1 ? bytes.length : end);
  const match = /^HTTP\/1\.[01] (\d{3}) /.exec(head);
  let body = end === -1 ? Buffer.alloc(0) : bytes.subarray(end + 4);
  if (/^transfer-encoding:\s*chunked\s*$/im.test(head)) body = dechunk(body);
  return { bytes, status: match ? Number(match[1]) : undefined, head, body };
}

/** The payload of a chunked body. */
function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = body.indexOf("\r\n", at);
    if (lineEnd === -1) break;
    const size = parseInt(body.subarray(at, lineEnd).toString("latin1"), 16);
    if (!size) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
