/**
 * `smallwins serve` under hostile requests, end to end: the real binary on
 * 127.0.0.1, requests written byte for byte over TCP (an HTTP client would
 * normalise or refuse what these send). Secrets are planted outside the
 * output folder (in the project root, in a sibling folder whose name starts
 * with the output folder's, and behind symlinks inside the site); after every
 * request the server must still answer a plain GET, and no response may hold
 * a secret or a file that is not part of the site.
 */
import { randomBytes } from "node:crypto";
import { readFile, symlink } from "node:fs/promises";
import net from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listFiles, useTempDirs } from "../helpers/cli.js";
import { rawRequest, startServing, type RawResponse, type Serving } from "../helpers/serve.js";
import { TODAY, useCliProcesses } from "../helpers/watch.js";

const tempDir = useTempDirs();
const startCli = useCliProcesses();

const SECRET = `smallwins-secret-${randomBytes(8).toString("hex")}`;
/** The first line of /etc/passwd on Linux, which a traversal to /etc/passwd would show. */
const PASSWD = "root:x:0:0:";

/** Files outside the output folder (site/), each holding the secret. */
const OUTSIDE: Readonly<Record<string, string>> = {
  "secret.txt": `${SECRET} in the project root\n`,
  "site-secret/secret.txt": `${SECRET} beside the site, in a folder whose name starts with "site"\n`,
  "site.html": `<p>${SECRET} in site.html, beside the folder</p>\n`,
};

/** Symlinks put into the served site, each leading outside it. */
const LINKS: Readonly<Record<string, string>> = {
  "site/leak.txt": "../secret.txt",
  "site/leakdir": "..",
  "site/days/leak.html": "../../secret.txt",
  "site/passwd": "/etc/passwd",
};

/** A served project with the secrets and links in place, and what a 200 may answer. */
interface Target {
  readonly s: Serving;
  /** Every body a 200 to a GET may have: the site's files (reload and overlay tags taken out), and what serve answers itself. */
  readonly legitimate: ReadonlySet<string>;
  /** A request for the given target from an allowed Host, closing the connection after. */
  request(target: string, method?: string): string;
}

async function hostileTarget(): Promise<Target> {
  const s = await startServing({ tempDir, startCli }, { files: OUTSIDE });
  for (const [link, to] of Object.entries(LINKS)) await symlink(to, s.abs(link));
  const request = (target: string, method = "GET"): string => `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nConnection: close\r\n\r\n`;
  const legitimate = new Set<string>();
  for (const rel of await listFiles(s.abs("site"))) legitimate.add((await readFile(s.abs(`site/${rel}`))).toString("latin1"));
  for (const own of ["/.smallwins/status.json", "/.smallwins/overlay.js", "/.11ty/reload-client.js"]) {
    const response = await rawRequest(s.port, request(own));
    expect(response.status, own).toBe(200);
    legitimate.add(response.body.toString("latin1"));
  }
  return { s, legitimate, request };
}

/** A served HTML page as it is on disk: without the reload client and overlay tags serve injects. */
function withoutInjectedTags(body: string): string {
  return body.replace(/<script type="module" integrity="[^"]+" src="\/\.11ty\/reload-client\.js"><\/script>/, "").replace('<script src="/.smallwins/overlay.js"></script>', "");
}

/** Checks one response to `sent`: a status line, no 5xx, no secret, and a 200 or redirect that stays in the site. */
function expectHarmless(t: Target, sent: string, response: RawResponse): void {
  const label = JSON.stringify(sent.length > 300 ? `${sent.slice(0, 300)}…` : sent);
  expect(response.status, `no status line for ${label}`).toBeDefined();
  const status = response.status!;
  expect(status === 200 || status === 301 || (status >= 400 && status < 500), `status ${status} for ${label}`).toBe(true);
  const text = response.bytes.toString("latin1");
  expect(text.includes(SECRET), `a secret in the answer to ${label}`).toBe(false);
  expect(text.includes(PASSWD), `/etc/passwd in the answer to ${label}`).toBe(false);
  if (status === 200 && sent.startsWith("GET ")) {
    expect(t.legitimate.has(withoutInjectedTags(response.body.toString("latin1"))), `a 200 that is not a file of the site for ${label}`).toBe(true);
  }
  if (status === 301) expect(response.head, `a redirect out of the site for ${label}`).toMatch(/^location: \/(?![/\\])/im);
}

/** Asserts the server still serves the home page, then returns. */
async function expectAlive(t: Target, after: string): Promise<void> {
  const response = await rawRequest(t.s.port, t.request("/index.html")).catch((error: unknown) => {
    throw new Error(`serve stopped answering after ${JSON.stringify(after.slice(0, 300))}: ${String(error)}`);
  });
  expect(response.status, `GET /index.html after ${JSON.stringify(after.slice(0, 300))}`).toBe(200);
}

/** Sends one raw request, checks the answer, and checks the server still answers. */
async function fire(t: Target, sent: string | Buffer, timeoutMs?: number): Promise<RawResponse> {
  const response = await rawRequest(t.s.port, sent, timeoutMs);
  const text = String(sent);
  expectHarmless(t, text, response);
  await expectAlive(t, text);
  return response;
}

// ---- the generated battery -------------------------------------------------

const hex = (code: number): string => code.toString(16).padStart(2, "0");

/** Ways to write one character of a path, as attackers do to slip past a filter. */
const ENCODERS: Readonly<Record<string, (c: string) => string>> = {
  raw: (c) => c,
  percent: (c) => `%${hex(c.charCodeAt(0)).toUpperCase()}`,
  percentLower: (c) => `%${hex(c.charCodeAt(0))}`,
  double: (c) => `%25${hex(c.charCodeAt(0))}`,
  overlong2: (c) => `%${hex(0xc0 | (c.charCodeAt(0) >> 6))}%${hex(0x80 | (c.charCodeAt(0) & 0x3f))}`,
  overlong3: (c) => `%e0%${hex(0x80 | (c.charCodeAt(0) >> 6))}%${hex(0x80 | (c.charCodeAt(0) & 0x3f))}`,
  iisUnicode: (c) => `%u00${hex(c.charCodeAt(0))}`,
};

/** Path segment names: traversal, the secrets' names, the site's own files, dotfiles, the symlinks. */
const NAMES = ["..", "..", ".", "", "...", "etc", "passwd", "secret.txt", "site-secret", "site.html", "site", "index.html", "days", `${TODAY}.html`, "wins.json", ".smallwins-manifest.json", ".smallwins", "status.json", "leak.txt", "leakdir", "leak.html", "~", "a b", "café"];
const SEPARATORS = ["/", "/", "/", "%2f", "%2F", "\\", "%5c", "%5C", "%252f", "//", "%c0%af", "%e0%80%af", "/./", ";/", "/%2e/"];
const SUFFIXES = ["", "", "", "/", "%00", "%00.html", "?q=1", "?..%2f..%2fsecret.txt", "#frag", "%", "%2", "%zz", ";x=1", "%20", ".", "%2e", "%ff", "%ed%a0%80", "%ef%bb%bf"];
const PREFIXES = ["/", "/", "/", "/", "", "//", "http://evil.example/", "http://127.0.0.1/", "*", "\\"];
const METHODS = ["GET", "GET", "GET", "GET", "GET", "GET", "HEAD", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "PATCH", "CONNECT", "get", "BREW", ""];
const VERSIONS = ["HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/0.9", "HTTP/1.1 x", ""];

/** Header sets, given the port: a good Host mostly, then the odd ones. */
function headerSets(port: number): string[] {
  const good = `Host: 127.0.0.1:${port}\r\n`;
  return [
    good,
    good,
    good,
    good,
    `Host: localhost:${port}\r\n`,
    `Host: [::1]:${port}\r\n`,
    `Host: evil.example:${port}\r\n`,
    "",
    `${good}Host: evil.example\r\n`,
    "Host: \r\n",
    `Host: 127.0.0.1:${port} \r\n`,
    `${good}X-Big: ${"a".repeat(20_000)}\r\n`,
    `${good}${Array.from({ length: 150 }, (_, i) => `X-H${i}: v\r\n`).join("")}`,
    `${good}Range: bytes=0-5\r\n`,
    `${good}Range: bytes=99999999-\r\n`,
    `${good}Content-Length: 3\r\n\r\nabc`,
    `${good}Transfer-Encoding: chunked\r\n\r\n0\r\n`,
    `${good}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n`,
    `${good}Content-Length: -1\r\n`,
    `${good}Expect: 100-continue\r\nContent-Length: 2\r\n\r\nhi`,
    `${good}Upgrade: websocket\r\n`,
    `${good}X-Fold: a\r\n b\r\n`,
    `${good}X-Nul: a\u0000b\r\n`,
    `${good}Origin: http://evil.example\r\n`,
  ];
}

/** A path made of 1–6 names, each written with one encoder (or every other character of it), joined by separators. */
function encodedPath(names: readonly string[], encoders: readonly string[], separators: readonly string[]): fc.Arbitrary<string> {
  const name = fc.record({ name: fc.constantFrom(...names), encoder: fc.constantFrom(...encoders), mixed: fc.boolean() }).map(({ name, encoder, mixed }) =>
    [...name].map((c, i) => (mixed && i % 2 === 0 ? c : ENCODERS[encoder]!(c))).join(""),
  );
  return fc.array(fc.tuple(name, fc.constantFrom(...separators)), { minLength: 1, maxLength: 6 }).map((parts) => parts.map(([n, sep], i) => (i === 0 ? n : sep + n)).join(""));
}

/** Very long paths: deep traversal, many names. */
const longPath = fc.tuple(fc.constantFrom("../", "%2e%2e%2f", "a/", "..%5c", "%c0%ae%c0%ae/"), fc.constantFrom(100, 900, 3_000)).map(([unit, n]) => unit.repeat(n));

/** Files of the site, which well-formed requests ask for with some characters encoded, so that the file lookup itself is exercised. */
const SITE_FILES = ["index.html", `days/${TODAY}.html`, `days/${TODAY}`, "wins.json", "feed.xml", "404.html", "", "leak.txt", "leakdir/secret.txt", ".smallwins/status.json"];

/** A site file's path with up to three of its characters written another way (plainly percent-encoded, double-encoded, overlong). */
const sitePath = fc
  .tuple(fc.constantFrom(...SITE_FILES), fc.array(fc.tuple(fc.nat(), fc.constantFrom("percent", "percentLower", "double", "overlong2")), { maxLength: 3 }))
  .map(([file, changes]) => {
    const chars = [...file];
    for (const [at, encoder] of changes) if (chars.length) chars[at % chars.length] = ENCODERS[encoder]!(file[at % chars.length]!);
    return chars.join("");
  });

/**
 * One generated request, as bytes on the wire. Three in five are well-formed
 * HTTP from an allowed Host for a site file or a hostile path, so they reach
 * the file lookup; the rest mix hostile methods, target forms, versions and
 * headers.
 */
function hostileRequest(port: number): fc.Arbitrary<string> {
  const wellFormed = fc
    .record({
      method: fc.constantFrom("GET", "GET", "GET", "HEAD"),
      path: fc.oneof(
        { weight: 3, arbitrary: sitePath },
        { weight: 2, arbitrary: encodedPath(NAMES, ["raw", "raw", "percent", "percentLower", "double", "overlong2", "overlong3"], ["/", "/", "/", "//", "%2f", "\\", "%5c"]) },
        { weight: 1, arbitrary: longPath },
      ),
      suffix: fc.oneof({ weight: 3, arbitrary: fc.constantFrom("", "/", "?q=1") }, { weight: 1, arbitrary: fc.constantFrom(...SUFFIXES) }),
    })
    .map(({ method, path, suffix }) => `${method} /${path}${suffix} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
  const anything = fc
    .record({
      method: fc.constantFrom(...METHODS),
      prefix: fc.constantFrom(...PREFIXES),
      path: fc.oneof({ weight: 9, arbitrary: encodedPath(NAMES, Object.keys(ENCODERS), SEPARATORS) }, { weight: 1, arbitrary: longPath }),
      suffix: fc.constantFrom(...SUFFIXES),
      version: fc.constantFrom(...VERSIONS),
      headers: fc.constantFrom(...headerSets(port)),
    })
    .map(({ method, prefix, path, suffix, version, headers }) => {
      const target = method === "CONNECT" ? `evil.example:443` : `${prefix}${path}${suffix}`;
      const line = version ? `${method} ${target} ${version}` : `${method} ${target}`;
      // A header set that carries a body has ended the head itself.
      const head = headers.includes("\r\n\r\n") ? headers.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n") : `${headers}Connection: close\r\n\r\n`;
      return `${line}\r\n${head}`;
    });
  return fc.oneof({ weight: 3, arbitrary: wellFormed }, { weight: 2, arbitrary: anything });
}

describe("smallwins serve under hostile requests", () => {
  it("answers the known attacks with 4xx, serves nothing outside the site, and keeps serving", { timeout: 60_000 }, async () => {
    const t = await hostileTarget();
    const { port } = t.s;
    const host = `Host: 127.0.0.1:${port}\r\n`;
    const known: [string, number][] = [
      // The request from the issue (11ty/dev-server#150), and the sibling folder the dev server's prefix check let through.
      [t.request("/..%2f..%2f..%2fetc%2fpasswd"), 400],
      [t.request("/..%2fsite-secret%2fsecret.txt"), 400],
      [t.request("/..%2Fsecret.txt"), 400],
      [t.request("/%2e%2e/secret.txt"), 400],
      [t.request("/%2e%2e%2fsecret.txt"), 400],
      [t.request("/..%5csecret.txt"), 400],
      [t.request("/..\\secret.txt"), 400],
      [t.request("/../secret.txt"), 400],
      [t.request("/days/../../secret.txt"), 400],
      [t.request("/%252e%252e%252fsecret.txt"), 404],
      [t.request("/%c0%ae%c0%ae/secret.txt"), 400],
      [t.request("/%c0%ae%c0%ae%c0%afsecret.txt"), 400],
      [t.request("/%e0%80%ae%e0%80%ae/secret.txt"), 400],
      [t.request("/%u002e%u002e/secret.txt"), 400],
      [t.request("/%"), 400],
      [t.request("/%e"), 400],
      [t.request("/index.html%00"), 400],
      [t.request("/index.html%00.txt"), 400],
      [t.request("/.smallwins-manifest.json"), 404],
      [t.request("/.smallwins/../secret.txt"), 400],
      // Symlinks inside the site that lead outside it.
      [t.request("/leak.txt"), 404],
      [t.request("/leakdir/secret.txt"), 404],
      [t.request("/leakdir/site-secret/secret.txt"), 404],
      [t.request("/days/leak.html"), 404],
      [t.request("/days/leak"), 404],
      [t.request("/passwd"), 404],
      // Other request forms and methods.
      [`GET http://evil.example/ HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, 400],
      [`GET http://127.0.0.1:${port}/index.html HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, 400],
      [`OPTIONS * HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, 405],
      [`GET * HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, 400],
      [`CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n`, 405],
      [t.request("/", "POST"), 405],
      [t.request("/", "DELETE"), 405],
      [t.request("/", "PROPFIND"), 405],
      [t.request("/", "TRACE"), 405],
      [`GET / HTTP/1.1\r\nHost: evil.example:${port}\r\nConnection: close\r\n\r\n`, 403],
      [`GET /.smallwins/status.json HTTP/1.1\r\nHost: evil.example:${port}\r\nConnection: close\r\n\r\n`, 403],
      [`GET / HTTP/1.0\r\n\r\n`, 403],
      // Sizes: a long path, a path past Node's header limit, a huge header.
      [t.request(`/${"a/".repeat(2_500)}`), 414],
      [t.request(`/${"%2e%2e%2f".repeat(3_000)}`), 431],
      [`GET / HTTP/1.1\r\n${host}X-Big: ${"a".repeat(20_000)}\r\nConnection: close\r\n\r\n`, 431],
      // Not HTTP at all.
      ["\u0000\u0001\u0002\r\n\r\n", 400],
      // HTTP/0.9: no version, no Host.
      ["GET /\r\n\r\n", 403],
    ];
    for (const [sent, status] of known) {
      const response = await fire(t, sent);
      expect(response.status, JSON.stringify(sent.slice(0, 200))).toBe(status);
    }
    // The legitimate requests beside them still work, decoded once.
    for (const target of ["/", "/index.html", "/%69ndex.html", `/days/${TODAY}.html`, `/days/${encodeURIComponent(TODAY)}.html?x=..%2f`]) {
      const response = await fire(t, t.request(target));
      expect(response.status, target).toBe(200);
    }
    expect((await fire(t, t.request("/index.html", "HEAD"))).status).toBe(200);
    await t.s.cli.stop();
  });

  it("survives a few hundred generated malformed requests, answering each with 4xx or a file of the site", { timeout: 120_000 }, async () => {
    const t = await hostileTarget();
    const requests = fc.sample(hostileRequest(t.s.port), { numRuns: 300, seed: 20261121 });
    const statuses = new Map<number, number>();
    for (const sent of requests) {
      const response = await fire(t, sent);
      statuses.set(response.status!, (statuses.get(response.status!) ?? 0) + 1);
    }
    // The battery reaches every kind of answer, so it is not all bounced at one gate.
    for (const status of [200, 400, 403, 404, 405]) expect(statuses.get(status), `${status} among ${JSON.stringify([...statuses])}`).toBeGreaterThan(0);
    expect(t.s.cli.stderr()).toBe("");
    await t.s.cli.stop();
  });

  it("survives malformed WebSocket handshakes and frames on the live-reload socket", { timeout: 60_000 }, async () => {
    const t = await hostileTarget();
    const { port } = t.s;
    const handshake = (extra = "", origin = `http://127.0.0.1:${port}`): string =>
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: ${origin}\r\n${extra}\r\n`;
    const mask = [1, 2, 3, 4];
    const masked = (opcode: number, payload: Buffer): Buffer =>
      Buffer.concat([
        Buffer.from([0x80 | opcode, 0x80 | 126, payload.length >> 8, payload.length & 0xff, ...mask]),
        Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!)),
      ]);
    const frames: [string, Buffer][] = [
      ["reserved bits set", Buffer.from([0xff, 0x80, 0, 0, 0, 0])],
      ["an unmasked text frame", Buffer.from([0x81, 0x02, 0x68, 0x69])],
      ["a length of 2^63-1", Buffer.from([0x82, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0])],
      ["a frame past the payload limit", masked(0x1, Buffer.alloc(10_000, 0x61))],
      ["invalid UTF-8 in a text frame", masked(0x1, Buffer.from([0xc0, 0xae]))],
      ["an unknown opcode", masked(0x3, Buffer.from("x"))],
    ];
    for (const [what, frame] of frames) {
      const response = await rawRequest(port, Buffer.concat([Buffer.from(handshake()), frame]));
      expect(response.status, what).toBe(101);
      await expectAlive(t, `a WebSocket frame with ${what}`);
    }
    expect((await fire(t, handshake("", "http://evil.example"))).status).toBe(403);
    expect((await fire(t, handshake().replace("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n", ""))).status).toBe(400);
    expect((await fire(t, handshake().replace("Version: 13", "Version: 99"))).status).toBe(400);
    expect((await fire(t, handshake().replace("GET / ", "GET /..%2f..%2fetc%2fpasswd "))).status).toBe(400);
    expect((await fire(t, handshake().replace("Upgrade: websocket", "Upgrade: h2c"))).status).toBe(400);
    expect(t.s.cli.stderr()).toBe("");

    // A client that opens the socket and never answers the closing handshake does not hold up Ctrl-C.
    const silent = net.connect({ host: "127.0.0.1", port });
    try {
      silent.on("error", () => undefined);
      const upgraded = new Promise<void>((resolve) => silent.on("data", (chunk: Buffer) => chunk.toString("latin1").startsWith("HTTP/1.1 101") && resolve()));
      silent.write(handshake());
      await upgraded;
      const started = Date.now();
      expect(await t.s.cli.stop()).toEqual({ code: 0, signal: null });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(t.s.cli.lines.at(-1)).toBe("stopped");
    } finally {
      silent.destroy();
    }
  });
});
