/** A reference's URL or name as a path from the journal folder (links to days and files alike). */

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * `url` (relative to `folder`) as a path from the journal folder, with `.`
 * and `..` worked out; undefined when it leaves the journal folder or is an
 * absolute path, a `file:` URL or a drive path. A URL's query and fragment
 * are dropped and its escapes decoded; a `literal` name (a wikilink's) is
 * taken as written.
 */
export function journalPath(folder: string, url: string, literal = false): string | undefined {
  if (url.startsWith("/") || url.startsWith("\\") || SCHEME.test(url)) return undefined;
  let decoded = literal ? url : url.replace(/[?#].*$/s, "");
  try {
    if (!literal) decoded = decodeURIComponent(decoded);
  } catch {
    // A `%` that starts no escape is itself.
  }
  const parts: string[] = [];
  for (const part of (folder + decoded).split(/[/\\]/)) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join("/");
}

