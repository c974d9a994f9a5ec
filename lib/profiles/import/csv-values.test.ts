// Reading a CSV cell as a typed value: the import runs this for every cell of every row.
import { describe, expect, it } from "vitest";
import { inferType, readCell } from "./csv-values";

describe("readCell", () => {
  it("reads real calendar days and rejects impossible ones", () => {
    for (const day of ["2024-02-29", "2000-02-29", "2025-12-31", "0001-01-01", "2025-04-30"]) {
      expect(readCell(day, "DATE")).toEqual({ value: day });
    }
    for (const day of ["2025-02-29", "1900-02-29", "2025-04-31", "2025-13-01", "2025-00-10", "2025-01-00", "2025-1-01", "20250101", "2025-01-32"]) {
      expect(readCell(day, "DATE")).toEqual({ problem: "notDate" });
    }
    expect(readCell(" 2026-03-04T10:00:00Z ", "DATE")).toEqual({ value: "2026-03-04T10:00:00Z" });
    expect(readCell("2026-02-30T10:00:00Z", "DATE")).toEqual({ problem: "notDate" });
  });

  it("reads numbers and booleans, leaves empty cells out and text as written", () => {
    expect(readCell("1200.50", "NUMBER")).toEqual({ value: 1200.5 });
    expect(readCell("-1e3", "NUMBER")).toEqual({ value: -1000 });
    expect(readCell("1,5", "NUMBER")).toEqual({ problem: "notNumber" });
    expect(readCell("Sí", "BOOLEAN")).toEqual({ value: true });
    expect(readCell("no", "BOOLEAN")).toEqual({ value: false });
    expect(readCell("maybe", "BOOLEAN")).toEqual({ problem: "notBoolean" });
    expect(readCell("   ", "NUMBER")).toBeNull();
    expect(readCell(" Ana ", "TEXT")).toEqual({ value: "Ana" });
  });

  it("infers the narrowest type of a sample", () => {
    expect(inferType(["2024-02-29", "2025-01-01"])).toBe("DATE");
    expect(inferType(["2025-02-29"])).toBe("TEXT");
    expect(inferType(["1", "2.5"])).toBe("NUMBER");
    expect(inferType(["yes", "No"])).toBe("BOOLEAN");
    expect(inferType(["", " "])).toBe("TEXT");
  });
});
