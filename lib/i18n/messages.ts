// Message catalogs and the translate function shared by server and client components.
import { en } from "./catalogs/en";
import { es } from "./catalogs/es";

export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;
export const LOCALES = ["en", "es"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "ferry-locale";

export const CATALOGS: Record<Locale, Catalog> = { en, es };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === "string" && Object.hasOwn(en, value);
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const catalog = CATALOGS[locale];
  const numbers = new Intl.NumberFormat(locale);
  return (key, params) => {
    const template = catalog[key] ?? en[key] ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === "number" ? numbers.format(value) : value;
    });
  };
}
