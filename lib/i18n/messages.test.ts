import { describe, expect, it } from "vitest";
import { CATALOGS, isLocale, isMessageKey, LOCALES, translator } from "./messages";

describe("message catalogs", () => {
  const keys = Object.keys(CATALOGS.en).sort();

  it.each(LOCALES)("%s has every key, none empty, with the same placeholders", (locale) => {
    const catalog = CATALOGS[locale];
    expect(Object.keys(catalog).sort()).toEqual(keys);
    for (const key of keys) {
      const text = catalog[key as keyof typeof catalog];
      expect(text.trim(), key).not.toBe("");
      const placeholders = (value: string) => (value.match(/\{\w+\}/g) ?? []).sort();
      expect(placeholders(text), key).toEqual(placeholders(CATALOGS.en[key as keyof typeof catalog]));
    }
  });

  it("Spanish is really translated", () => {
    expect(CATALOGS.es["nav.exports"]).toBe("Exportaciones");
    const same = keys.filter((key) => CATALOGS.es[key as keyof typeof CATALOGS.es] === CATALOGS.en[key as keyof typeof CATALOGS.en]);
    expect(same.length).toBeLessThan(keys.length / 10);
  });

  it("fills placeholders and formats numbers per locale", () => {
    expect(translator("en")("profiles.count", { count: 20000 })).toBe("20,000 unified customer profiles");
    expect(translator("es")("profiles.count", { count: 20000 })).toBe("20.000 perfiles de cliente unificados");
    expect(translator("en")("account.signedInAs", { name: "Ada" })).toBe("Signed in as Ada");
  });

  it("recognises locales and keys", () => {
    expect(isLocale("es")).toBe(true);
    expect(isLocale("fr")).toBe(false);
    expect(isMessageKey("nav.users")).toBe(true);
    expect(isMessageKey("toString")).toBe(false);
  });
});
