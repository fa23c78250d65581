import type { Place } from "../model/entry.js";

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** Text decoded from bytes, or where the first byte that is not UTF-8 sits. */
export type Decoded = { ok: true; text: string } | { ok: false; at: Place };

/**
 * Decodes UTF-8 strictly (never guessing another encoding), drops a BOM (also
 * a doubled one, which an editor shows no more than one: left in, it would hide
 * the front matter) and turns CRLF and CR line endings into LF so positions
 * count lines the way an editor shows them.
 */
export function decodeText(bytes: Uint8Array): Decoded {
  try {
    const text = decoder.decode(bytes);
    return { ok: true, text: text.replace(/^\uFEFF+/, "").replace(/\r\n?/g, "\n") };
  } catch {
    return { ok: false, at: firstInvalidPlace(bytes) };
  }
}

function firstInvalidPlace(bytes: Uint8Array): Place {
  const bad = firstInvalidOffset(bytes);
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < bad; i++) {
    // Count lines as decodeText does: LF, CRLF and a lone CR each end one.
    const isBreak = bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a);
    if (isBreak) {
      line++;
      lineStart = i + 1;
    }
  }
  const prefix = new TextDecoder("utf-8").decode(bytes.subarray(lineStart, bad));
  return { line, column: [...prefix].length + 1 };
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidOffset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    try {
      decoder.decode(bytes.subarray(i, i + length));
    } catch {
      return i;
    }
    i += length;
  }
  return bytes.length;
}
