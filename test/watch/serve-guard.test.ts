/**
 * The request guard of `smallwins serve`, table by table: which targets
 * become which canonical path, which are refused with which status, and
 * which Host and Origin headers name this server. The end-to-end battery
 * against the real binary is serve-hostile.test.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MAX_TARGET_LENGTH,
  allowedHostnames,
  canonicalPath,
  guardRequest,
  guardUpgrade,
  isAllowedHost,
  isAllowedOrigin,
  type RequestHead,
} from "../../src/serve-guard.js";

const LOOPBACK = allowedHostnames("127.0.0.1");

describe("canonicalPath", () => {
  it.each([
    ["/", "/"],
    ["/index.html", "/index.html"],
    ["/days/2026-11-21.html", "/days/2026-11-21.html"],
    ["/days/", "/days/"],
    ["/days", "/days"],
    ["/%69ndex.html", "/index.html"],
    ["/index.html?x=%zz&y=..%2f", "/index.html"],
    ["//days//2026.html", "/days/2026.html"],
    ["/tags/caf%C3%A9.html", "/tags/caf%C3%A9.html"],
    ["/a%20b.html", "/a%20b.html"],
    // Double encoding decodes once: a literal "%2e%2e" is a name, never "..".
    ["/%252e%252e/secret.txt", "/%252e%252e/secret.txt"],
    ["/a..b", "/a..b"],
    ["/.smallwins/status.json", "/.smallwins/status.json"],
    ["/.smallwins/overlay.js", "/.smallwins/overlay.js"],
    ["/.11ty/reload-client.js", "/.11ty/reload-client.js"],
    ["/%2Esmallwins/status.json", "/.smallwins/status.json"],
  ])("%s → %s", (target, path) => {
    expect(canonicalPath(target)).toEqual({ ok: true, path });
  });

  it.each([
    ["/..%2f..%2f..%2fetc%2fpasswd", 400, /encoded slash/],
    ["/..%2F..%2Fsecret.txt", 400, /encoded slash/],
    ["/..%5c..%5csecret.txt", 400, /encoded slash or backslash/],
    ["/..\\..\\secret.txt", 400, /percent-encoded/],
    ["/../secret.txt", 400, /dot segment/],
    ["/days/../../secret.txt", 400, /dot segment/],
    ["/%2e%2e/secret.txt", 400, /dot segment/],
    ["/.%2e/secret.txt", 400, /dot segment/],
    ["/%2e/index.html", 400, /dot segment/],
    ["/%c0%ae%c0%ae/secret.txt", 400, /UTF-8/],
    ["/%c0%af", 400, /UTF-8/],
    ["/%e0%80%ae%e0%80%ae/x", 400, /UTF-8/],
    ["/%ed%a0%80", 400, /UTF-8/],
    ["/%ff", 400, /UTF-8/],
    ["/%", 400, /two hexadecimal/],
    ["/%2", 400, /two hexadecimal/],
    ["/%zz", 400, /two hexadecimal/],
    ["/%u002e%u002e/x", 400, /two hexadecimal/],
    ["/index.html%00", 400, /control character/],
    ["/index.html%00.txt", 400, /control character/],
    ["/a%0d%0aSet-Cookie:%20x", 400, /control character/],
    ["/a%7f", 400, /control character/],
    ["/index.html#frag", 400, /percent-encoded/],
    ["/caf\u00e9.html", 400, /percent-encoded/],
    ['/"><script>', 400, /percent-encoded/],
    ["*", 400, /starting with \//],
    ["http://evil.example/", 400, /starting with \//],
    ["evil.example:443", 400, /starting with \//],
    ["", 400, /starting with \//],
    ["/.smallwins-manifest.json", 404, /dotfiles/],
    ["/.git/config", 404, /dotfiles/],
    ["/days/.hidden", 404, /dotfiles/],
    ["/...", 404, /dotfiles/],
    ["/.smallwins/status.json/", 404, /dotfiles/],
    ["/.smallwins/other", 404, /dotfiles/],
    [`/${"a".repeat(MAX_TARGET_LENGTH)}`, 414, /longer than/],
  ])("refuses %s with %i", (target, status, reason) => {
    const verdict = canonicalPath(target);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) {
      expect(verdict.status).toBe(status);
      expect(verdict.reason).toMatch(reason);
    }
  });

  it("gives paths made of names with no slash, backslash, control character or dot segment, each encoded once", () => {
    // Printable ASCII with % and the separators often, so that many targets get through to a path.
    const char = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom("%", "/", ".", "\\", "2", "e", "f", "5", "c", "0") },
      { weight: 3, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code)) },
    );
    fc.assert(
      fc.property(fc.array(char, { maxLength: 24 }), (chars) => {
        const verdict = canonicalPath(`/${chars.join("")}`);
        if (!verdict.ok) return true;
        const names = verdict.path.split("/").filter(Boolean).map(decodeURIComponent);
        // eslint-disable-next-line no-control-regex
        const clean = names.every((name) => !/[/\\\u0000-\u001f\u007f]/.test(name) && name !== "." && name !== "..");
        // Canonical is a fixed point: guarding it again gives it back.
        const again = canonicalPath(verdict.path);
        return clean && again.ok && again.path === verdict.path;
      }),
      { numRuns: 1000, seed: 14 },
    );
  });
});

describe("Host and Origin", () => {
  it.each([
    ["127.0.0.1:8080", true],
    ["localhost:8080", true],
    ["LOCALHOST:8080", true],
    ["[::1]:8080", true],
    ["[0:0:0:0:0:0:0:1]:8080", true],
    ["localhost", true],
    ["127.0.0.1:9999", true],
    ["evil.example:8080", false],
    ["evil.example", false],
    ["127.0.0.1.nip.io:8080", false],
    ["localhost.evil.example:8080", false],
    ["localhost.:8080", false],
    ["127.0.0.2:8080", false],
    ["2130706433:8080", false],
    ["evil.example@localhost:8080", false],
    ["localhost:8080 ", false],
    ["localhost:99999", false],
    ["[::2]:8080", false],
    ["", false],
  ])("Host %j allowed: %s", (host, allowed) => {
    expect(isAllowedHost(host, LOOPBACK)).toBe(allowed);
  });

  it("adds the --host address, and for a wildcard the machine's own addresses", () => {
    expect(isAllowedHost("127.0.0.2:8080", allowedHostnames("127.0.0.2"))).toBe(true);
    expect(isAllowedHost("[::1]:8080", allowedHostnames("::1"))).toBe(true);
    expect(isAllowedHost("journal.lan:8080", allowedHostnames("Journal.lan"))).toBe(true);
    const wildcard = allowedHostnames("0.0.0.0", ["192.168.1.5", "fe80::1"]);
    expect(isAllowedHost("192.168.1.5:8080", wildcard)).toBe(true);
    expect(isAllowedHost("[fe80::1]:8080", wildcard)).toBe(true);
    expect(isAllowedHost("0.0.0.0:8080", wildcard)).toBe(false);
    expect(isAllowedHost("evil.example:8080", wildcard)).toBe(false);
  });

  it.each([
    [[], true],
    [["http://127.0.0.1:8080"], true],
    [["HTTP://127.0.0.1:8080"], true],
    [["http://evil.example:8080"], false],
    [["http://127.0.0.1:9090"], false],
    [["https://127.0.0.1:8080"], false],
    [["null"], false],
    [["http://127.0.0.1:8080", "http://127.0.0.1:8080"], false],
  ])("Origin %j for Host 127.0.0.1:8080 allowed: %s", (origin, allowed) => {
    expect(isAllowedOrigin(origin, "127.0.0.1:8080")).toBe(allowed);
  });
});

describe("guardRequest and guardUpgrade", () => {
  const head = (over: Partial<RequestHead> = {}): RequestHead => ({ method: "GET", target: "/", host: ["127.0.0.1:8080"], origin: [], ...over });

  it("serves GET and HEAD from an allowed host, and refuses other methods, hosts and duplicate Host headers", () => {
    expect(guardRequest(head(), LOOPBACK)).toEqual({ ok: true, path: "/" });
    expect(guardRequest(head({ method: "HEAD" }), LOOPBACK)).toEqual({ ok: true, path: "/" });
    for (const method of ["POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "CONNECT"]) {
      expect(guardRequest(head({ method }), LOOPBACK)).toMatchObject({ ok: false, status: 405 });
    }
    expect(guardRequest(head({ host: ["evil.example:8080"] }), LOOPBACK)).toMatchObject({ ok: false, status: 403 });
    expect(guardRequest(head({ host: [] }), LOOPBACK)).toMatchObject({ ok: false, status: 403 });
    expect(guardRequest(head({ host: ["127.0.0.1:8080", "evil.example"] }), LOOPBACK)).toMatchObject({ ok: false, status: 400 });
    // The Host is checked before the path: a foreign page learns nothing from the path's verdict.
    expect(guardRequest(head({ host: ["evil.example"], target: "/.smallwins-manifest.json" }), LOOPBACK)).toMatchObject({ ok: false, status: 403 });
  });

  it("opens the live-reload socket at / only, from an allowed host and this server's own origin", () => {
    const upgrade = (over: Partial<RequestHead> & { upgrade?: string } = {}) => guardUpgrade({ upgrade: "websocket", ...head(over), ...over }, LOOPBACK);
    expect(upgrade()).toEqual({ ok: true, path: "/" });
    expect(upgrade({ origin: ["http://127.0.0.1:8080"] })).toEqual({ ok: true, path: "/" });
    expect(upgrade({ upgrade: "WebSocket" })).toEqual({ ok: true, path: "/" });
    expect(upgrade({ origin: ["http://evil.example:8080"] })).toMatchObject({ ok: false, status: 403 });
    expect(upgrade({ host: ["evil.example:8080"], origin: ["http://evil.example:8080"] })).toMatchObject({ ok: false, status: 403 });
    expect(upgrade({ upgrade: "h2c" })).toMatchObject({ ok: false, status: 400 });
    expect(upgrade({ method: "POST" })).toMatchObject({ ok: false, status: 405 });
    expect(upgrade({ target: "/other" })).toMatchObject({ ok: false, status: 404 });
    expect(upgrade({ target: "/..%2f" })).toMatchObject({ ok: false, status: 400 });
  });
});
