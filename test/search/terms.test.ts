/**
 * How text becomes search terms (src/render/search/terms.ts): case, accents
 * and compatibility forms aside, letters and digits apart, scripts without
 * spaces a character at a time; and the numbers and names the index writes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DIGITS, MAX_TERM_LENGTH, foldText, headOf, readVarints, shardName, termsOf, varint } from "../../src/render/search/terms.js";

describe("termsOf", () => {
  it.each([
    ["Ran 5 km before work", ["ran", "5", "km", "before", "work"]],
    ["ran 5km", ["ran", "5", "km"]],
    ["Café au lait, CAFÉ NOIR", ["cafe", "au", "lait", "cafe", "noir"]],
    ["Zoë's naïve façade", ["zoe", "s", "naive", "facade"]],
    ["Straße, Ærø, Łódź, Þór, øl", ["strasse", "aero", "lodz", "thor", "ol"]],
    ["İstanbul ISTANBUL", ["istanbul", "istanbul"]],
    ["ﬁnished ２０ ｐａｇｅｓ, ½ hour, 10²", ["finished", "20", "pages", "1", "2", "hour", "102"]],
    ["don't stop—keep going… (twice)", ["don", "t", "stop", "keep", "going", "twice"]],
    ["health/sleep #gratitude", ["health", "sleep", "gratitude"]],
    ["Жизнь — это 42 дня", ["жизнь", "это", "42", "дня"]],
    ["東京タワーに登った", ["東", "京", "タ", "ワ", "ー", "に", "登", "っ", "た"]],
    ["Ελληνικά κείμενα", ["ελληνικα", "κειμενα"]],
    ["", []],
    ["  ...  ", []],
  ])("%j gives %j", (text, terms) => {
    expect(termsOf(text)).toEqual(terms);
  });

  it("cuts a term to MAX_TERM_LENGTH characters, never inside a character", () => {
    expect(termsOf("a".repeat(100))).toEqual(["a".repeat(MAX_TERM_LENGTH)]);
    const long = "𝒜".repeat(40);
    expect(Array.from(foldText(long)).length).toBe(40);
    for (const term of termsOf(`x${"ж".repeat(50)}`)) expect(Array.from(term).length).toBeLessThanOrEqual(MAX_TERM_LENGTH);
  });

  it("gives the same terms for a text and for its folded form (matching is symmetric)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (text) => {
        expect(termsOf(foldText(text))).toEqual(termsOf(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe("shard names", () => {
  it("keeps ASCII letters and digits and spells anything else as hexadecimal code points", () => {
    expect(shardName("me")).toBe("me");
    expect(shardName("5")).toBe("5");
    expect(shardName("ж")).toBe("_436");
    expect(shardName("жи")).toBe("_436-438");
    expect(shardName("a東")).toBe("_61-6771");
    expect(shardName("𝒜b")).toBe("_1d49c-62");
  });

  it("gives plain file names, one per prefix", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: "grapheme", minLength: 1, maxLength: 2 }), { maxLength: 30 }), (prefixes) => {
        const heads = [...new Set(prefixes.map((p) => headOf(p, 2)))];
        const names = heads.map(shardName);
        for (const name of names) expect(name).toMatch(/^[a-z0-9_][a-z0-9_-]*$/);
        expect(new Set(names).size).toBe(heads.length);
      }),
    );
  });

  it("headOf takes whole characters", () => {
    expect(headOf("walk", 2)).toBe("wa");
    expect(headOf("w", 2)).toBe("w");
    expect(headOf("𝒜𝒝𝒞", 2)).toBe("𝒜𝒝");
    expect(headOf("𝒜𝒝𝒞", 1)).toBe("𝒜");
  });
});

describe("varints", () => {
  it("writes small numbers in one or two digits", () => {
    expect(varint(0)).toBe("A");
    expect(varint(5)).toBe("F");
    expect(varint(31)).toBe("f");
    expect(varint(32)).toBe("gB");
    expect(varint(100)).toBe("kD");
    expect(varint(1023)).toBe("_f");
    expect(varint(1024)).toBe("ggB");
  });

  it("reads back any run of numbers, with digits from the URL-safe alphabet only", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat({ max: 2000 }), fc.nat({ max: 2 ** 40 }))), (numbers) => {
        const text = numbers.map(varint).join("");
        for (const c of text) expect(DIGITS).toContain(c);
        expect(readVarints(text)).toEqual(numbers);
      }),
    );
  });

  it("refuses a run that ends inside a number", () => {
    expect(() => readVarints("g")).toThrow(/ends inside/);
  });
});
