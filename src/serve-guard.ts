/**
 * What `smallwins serve` lets through to the dev server, decided from a
 * request's method, target and headers alone (no file system): a request
 * either becomes one canonical path, whose segments are decoded and checked
 * once here and percent-encoded once again, or a 4xx with a reason. Any web
 * page the user has open can send requests to a loopback server, so
 * everything here assumes a hostile sender.
 */
import { isIP } from "node:net";

/** A request, as far as the guard looks at it. */
export interface RequestHead {
  readonly method: string;
  /** The request target as sent (Node's `req.url`). */
  readonly target: string;
  /** Every `Host` header sent (one, for a well-formed request). */
  readonly host: readonly string[];
  /** Every `Origin` header sent. */
  readonly origin: readonly string[];
}

/** Serve this canonical path, or answer with this status and reason. */
export type Verdict = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly status: number; readonly reason: string };

/** Longer targets get 414: no page of a journal's site comes near it. */
export const MAX_TARGET_LENGTH = 4096;

/** Paths under a dot folder that serve answers itself; every other dot segment gets 404. */
export const VIRTUAL_PATHS: ReadonlySet<string> = new Set(["/.smallwins/status.json", "/.smallwins/overlay.js", "/.11ty/reload-client.js"]);

/** The host names a loopback server always answers to. */
export const LOOPBACK_HOSTS: readonly string[] = ["localhost", "127.0.0.1", "[::1]"];

// RFC 3986 pchar and "/", plus the few characters browsers send unencoded (| ^ [ ] { }).
const PATH_CHARACTERS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/|^[\]{}]*$/;
const BAD_PERCENT = /%(?![0-9A-Fa-f]{2})/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const HOST = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/;
// fatal: overlong forms (%c0%ae), surrogates and stray bytes are errors, not U+FFFD; ignoreBOM: a BOM stays part of the name.
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

const refuse = (status: number, reason: string): Verdict => ({ ok: false, status, reason });

/**
 * A host name as it is compared: lower case, an IPv6 address in brackets and
 * in its canonical form (the form browsers send); undefined when it is not a
 * host name or address at all.
 */
export function canonicalHostname(name: string): string | undefined {
  const bare = name.startsWith("[") && name.endsWith("]") ? name.slice(1, -1) : name;
  if (isIP(bare) === 6) return new URL(`http://[${bare}]/`).hostname;
  return /^[A-Za-z0-9.-]+$/.test(bare) ? bare.toLowerCase() : undefined;
}

/**
 * The host names `serve` answers to: localhost, 127.0.0.1 and [::1], the
 * address it was asked to bind, and when that is a wildcard (0.0.0.0, ::),
 * the machine's own addresses (`ownAddresses`).
 */
export function allowedHostnames(bindHost: string, ownAddresses: readonly string[] = []): ReadonlySet<string> {
  const wildcard = bindHost === "0.0.0.0" || bindHost === "::" || bindHost === "[::]";
  const extra = wildcard ? ownAddresses : [bindHost];
  return new Set([...LOOPBACK_HOSTS, ...extra.map(canonicalHostname).filter((h): h is string => h !== undefined)]);
}

/**
 * Whether a `Host` header names this server. The name decides, as in
 * webpack-dev-server's and Vite's checks: a page whose domain was rebound to
 * 127.0.0.1 sends its own domain. The port is not compared (it tells nothing
 * about rebinding, and an SSH tunnel or port forward changes it).
 */
export function isAllowedHost(host: string, allowed: ReadonlySet<string>): boolean {
  const match = HOST.exec(host);
  if (!match) return false;
  if (match[2] !== undefined && Number(match[2]) > 65535) return false;
  const name = canonicalHostname(match[1]!);
  return name !== undefined && allowed.has(name);
}

/**
 * Whether an `Origin` header may open the live-reload socket: none (not a
 * browser: browsers always send one with a WebSocket handshake), or exactly
 * this server's own origin, `http://` and the Host the request was sent to.
 */
export function isAllowedOrigin(origin: readonly string[], host: string): boolean {
  if (origin.length === 0) return true;
  return origin.length === 1 && origin[0]!.toLowerCase() === `http://${host.toLowerCase()}`;
}

/**
 * The canonical form of a request target's path, or why it is refused. Only
 * origin-form targets (`/…`) are served; the query is dropped (the site is
 * static). Each segment is percent-decoded once, strictly, as UTF-8, and must
 * then hold no slash, backslash or control character and be no dot segment;
 * empty segments collapse. A segment that starts with a dot gets 404 (the
 * build manifest and other dotfiles are not part of the site), except the
 * paths serve answers itself.
 */
export function canonicalPath(target: string): Verdict {
  if (target.length > MAX_TARGET_LENGTH) return refuse(414, `the request target is longer than ${MAX_TARGET_LENGTH} characters`);
  if (!target.startsWith("/")) return refuse(400, "the request target must be a path starting with /");
  const query = target.indexOf("?");
  const rawPath = query === -1 ? target : target.slice(0, query);
  if (!PATH_CHARACTERS.test(rawPath)) return refuse(400, "the path holds a character that must be percent-encoded");
  if (BAD_PERCENT.test(rawPath)) return refuse(400, "the path holds a % not followed by two hexadecimal digits");
  const names: string[] = [];
  for (const raw of rawPath.split("/")) {
    if (raw === "") continue;
    let name: string;
    try {
      name = UTF8.decode(percentDecode(raw));
    } catch {
      return refuse(400, "the path does not decode to UTF-8 (an overlong or invalid byte sequence)");
    }
    if (name.includes("/") || name.includes("\\")) return refuse(400, "the path holds an encoded slash or backslash");
    if (CONTROL.test(name)) return refuse(400, "the path holds a control character (such as NUL)");
    if (name === "." || name === "..") return refuse(400, "the path holds a dot segment (. or ..)");
    names.push(name);
  }
  const trailing = names.length > 0 && rawPath.endsWith("/") ? "/" : "";
  if (names.some((name) => name.startsWith(".")) && !VIRTUAL_PATHS.has(`/${names.join("/")}${trailing}`)) return refuse(404, "dotfiles are not served");
  return { ok: true, path: `/${names.map(encodeURIComponent).join("/")}${trailing}` };
}

/** The bytes a path segment stands for (its `%XX` escapes are known to be well formed). */
function percentDecode(segment: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < segment.length; i++) {
    if (segment[i] === "%") {
      bytes.push(parseInt(segment.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(segment.charCodeAt(i));
  }
  return Uint8Array.from(bytes);
}

/** The Host check shared by page requests and the live-reload socket. */
function checkHost(request: RequestHead, allowed: ReadonlySet<string>): Verdict | undefined {
  if (request.host.length !== 1) return refuse(request.host.length === 0 ? 403 : 400, request.host.length === 0 ? "no Host header" : "more than one Host header");
  if (!isAllowedHost(request.host[0]!, allowed)) return refuse(403, "the Host header names another server: serve answers to localhost, 127.0.0.1, [::1] and its --host address only (DNS rebinding protection)");
  return undefined;
}

/** The verdict on a page request: GET or HEAD, an allowed Host, a target that passes `canonicalPath`. */
export function guardRequest(request: RequestHead, allowed: ReadonlySet<string>): Verdict {
  if (request.method !== "GET" && request.method !== "HEAD") return refuse(405, "only GET and HEAD are served");
  return checkHost(request, allowed) ?? canonicalPath(request.target);
}

/**
 * The verdict on an HTTP upgrade: only the live-reload WebSocket at `/`, from
 * an allowed Host and from this server's own origin (or a non-browser client).
 */
export function guardUpgrade(request: RequestHead & { readonly upgrade: string }, allowed: ReadonlySet<string>): Verdict {
  if (request.method !== "GET") return refuse(405, "a WebSocket handshake is a GET");
  if (request.upgrade.toLowerCase() !== "websocket") return refuse(400, "only WebSocket upgrades are served");
  const host = checkHost(request, allowed);
  if (host) return host;
  if (!isAllowedOrigin(request.origin, request.host[0]!)) return refuse(403, "the live-reload socket is open to this server's own pages only (Origin)");
  const target = canonicalPath(request.target);
  if (target.ok && target.path !== "/") return refuse(404, "the live-reload socket is at /");
  return target;
}
