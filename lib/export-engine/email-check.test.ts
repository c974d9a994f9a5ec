import { describe, expect, it } from "vitest";
import { unescapeCopyText } from "./email-check";

describe("COPY text values", () => {
  it("come back exactly, escapes included", () => {
    expect(unescapeCopyText("plain@example.com")).toBe("plain@example.com");
    expect(unescapeCopyText("a\\tb\\\\c\\nd\\re\\bf\\fg\\vh@x.com")).toBe("a\tb\\c\nd\re\bf\fg\vh@x.com");
    expect(unescapeCopyText("\\\\t")).toBe("\\t");
  });

  it("refuse an escape PostgreSQL does not write", () => {
    expect(() => unescapeCopyText("a\\x41")).toThrow(/unexpected COPY escape/);
  });
});
