/**
 * How text becomes search terms, and how the index writes numbers and shard
 * names. The browser's client (assets/search/search.js) repeats these rules
 * in plain JavaScript; test/search/client-agrees.test.ts checks that both give
 * the same terms, shard names and numbers for any text.
 */

/** Letters that do not decompose into a base letter and a mark, spelled with base letters. */
const FOLDS: Readonly<Record<string, string>> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", đ: "d", ð: "d", ł: "l", þ: "th", ı: "i" };
const FOLDABLE = /[ßæœøđðłþı]/g;
const MARKS = /\p{M}/gu;
// eslint-disable-next-line no-control-regex
const ASCII = /^[\u0000-\u007f]*$/;
/**
 * A term: a run of letters, a run of digits, or one character of a script
 * written without spaces between words (Chinese, Japanese), where each
 * character is a term of its own. Letters and digits part: "5km" is "5" and
 * "km", as "5 km" is.
 */
const TERM = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]|(?:(?![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])\p{L})+|\p{N}+/gu;
/** The same rule for text that is all ASCII after folding (most of it): several times faster. */
const ASCII_TERM = /[a-z]+|[0-9]+/g;

/** Longer terms are cut to this many characters (code points), in the index and in a query alike. */
export const MAX_TERM_LENGTH = 32;

/**
 * Text as it is compared: compatibility-decomposed (ligatures, full-width
 * and superscript digits become plain ones), without accents and other
 * combining marks, in lower case, with ß, æ, ø and the like spelled out.
 */
export function foldText(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return text.normalize("NFKD").replace(MARKS, "").toLowerCase().replace(FOLDABLE, (c) => FOLDS[c] ?? c);
}

/** The terms of a text, in order, repeats kept. */
export function termsOf(text: string): string[] {
  const folded = foldText(text);
  const found = folded.match(ASCII.test(folded) ? ASCII_TERM : TERM);
  if (!found) return [];
  for (let i = 0; i < found.length; i++) {
    const term = found[i]!;
    if (term.length > MAX_TERM_LENGTH) found[i] = Array.from(term).slice(0, MAX_TERM_LENGTH).join("");
  }
  return found;
}

/** The first `count` characters (code points) of a term. */
export function headOf(term: string, count: number): string {
  const first = term.codePointAt(0);
  if (first === undefined) return "";
  const one = String.fromCodePoint(first);
  if (count === 1) return one;
  const second = term.codePointAt(one.length);
  return second === undefined ? one : one + String.fromCodePoint(second);
}

/**
 * A term prefix (one or two characters) as a plain file name: ASCII letters
 * and digits as they are, anything else as `_` and the code points in
 * hexadecimal joined by `-` (`ж` is `_436`), so a name never starts with a
 * dot, never needs escaping, and no two prefixes share one.
 */
export function shardName(prefix: string): string {
  if (/^[a-z0-9]+$/.test(prefix)) return prefix;
  return `_${Array.from(prefix, (c) => c.codePointAt(0)!.toString(16)).join("-")}`;
}

/** The digits of the index's numbers: URL-safe base 64, so a number never needs escaping in a string. */
export const DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/** The numbers below 1024 written out once: almost every number the index writes is one of them. */
const SMALL = Array.from({ length: 1024 }, (_, n) => (n < 32 ? DIGITS[n]! : DIGITS[32 + (n & 31)]! + DIGITS[n >>> 5]!));

/**
 * A whole number ≥ 0 as base-32 digits, least significant first: each digit
 * but the last is written with 32 added (one of the upper 32 characters of
 * DIGITS), so a run of numbers needs no separator. 5 is "F", 100 is "kD".
 */
export function varint(n: number): string {
  if (n < 1024) return SMALL[n]!;
  let out = "";
  let rest = n;
  while (rest >= 32) {
    out += DIGITS[32 + (rest % 32)]!;
    rest = Math.floor(rest / 32);
  }
  return out + DIGITS[rest]!;
}

const VALUES = new Map(Array.from(DIGITS, (c, i) => [c, i]));

/** The numbers of a run of varints, in order. */
export function readVarints(text: string): number[] {
  const out: number[] = [];
  let value = 0;
  let scale = 1;
  for (const c of text) {
    const d = VALUES.get(c);
    if (d === undefined) throw new Error(`not a varint digit: ${JSON.stringify(c)}`);
    if (d >= 32) {
      value += (d - 32) * scale;
      scale *= 32;
    } else {
      out.push(value + d * scale);
      value = 0;
      scale = 1;
    }
  }
  if (scale !== 1) throw new Error("a varint run ends inside a number");
  return out;
}
