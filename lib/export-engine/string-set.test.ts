import { describe, expect, it } from "vitest";
import { CompactStringSet } from "./string-set";

describe("CompactStringSet", () => {
  it("behaves like a Set of strings through growth, collisions of length and non-ASCII text", () => {
    const compact = new CompactStringSet();
    const reference = new Set<string>();
    // Deterministic values with many repeats, equal lengths, prefixes of each other and UTF-8.
    const values = Array.from({ length: 60_000 }, (_, i) => {
      const n = (i * 7919) % 25_000;
      return n % 10 === 0 ? `ñandú${n}@correo.es` : n % 7 === 0 ? `p${n}` : `p${n}@example.com`;
    });
    const wrong: string[] = [];
    for (const value of values) {
      if (compact.add(value) === reference.has(value)) wrong.push(value);
      reference.add(value);
    }
    for (const value of reference) if (!compact.has(value)) wrong.push(value);
    expect(wrong).toEqual([]);
    expect(compact.size).toBe(reference.size);
    expect(compact.has("p1@example.co")).toBe(false);
    expect(compact.has("")).toBe(false);
    expect(compact.add("")).toBe(true);
    expect(compact.add("")).toBe(false);
    expect(compact.has("")).toBe(true);
  });
});
