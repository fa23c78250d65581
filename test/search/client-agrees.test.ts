/**
 * The browser's client (assets/search/search.js) repeats the rules of
 * src/render/search/terms.ts in plain JavaScript: a query's words must become
 * the very terms the index was made of, and be looked for in the shard the
 * builder put them in. Checked on any text.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldText, headOf, shardName, termsOf, varint } from "../../src/render/search/terms.js";
import { loadClient } from "../helpers/search.js";

const engine = loadClient(new Map([["search/search.js", readFileSync(new URL("../../assets/search/search.js", import.meta.url), "utf8")]])).engine;

/** Text from every script the rules single out (accents, ligatures, ß, Cyrillic, CJK, digits of other scripts) and anything else. */
const textArb = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.array(fc.constantFrom("Café", "ß", "Ærø", "ﬁ", "２０", "½", "İ", "Жизнь", "東京", "タワー", "٣", "𝒜", "e\u0301", " ", "-", "5km", "a".repeat(40)), { maxLength: 8 }).map((parts) => parts.join(" ")),
);

describe("the client agrees with the builder", () => {
  it("on the folded text and the terms of any text", () => {
    fc.assert(
      fc.property(textArb, (text) => {
        expect(engine.foldText(text)).toBe(foldText(text));
        expect(engine.termsOf(text)).toEqual(termsOf(text));
      }),
      { numRuns: 1000 },
    );
  });

  it("on the shard name of any term's first one and two characters", () => {
    fc.assert(
      fc.property(textArb, (text) => {
        for (const term of termsOf(text)) for (const n of [1, 2]) expect(engine.shardName(headOf(term, n))).toBe(shardName(headOf(term, n)));
      }),
      { numRuns: 500 },
    );
  });

  it("on the numbers of a run of varints", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 2 ** 31 })), (numbers) => {
        const read: number[] = [];
        engine.eachVarint(numbers.map(varint).join(""), (n) => read.push(n));
        expect(read).toEqual(numbers);
      }),
    );
  });
});
