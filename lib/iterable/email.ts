import { isIPv4, isIPv6 } from "node:net";
import { domainToASCII } from "node:url";
import tlds from "tlds";

// Iterable stores every email lowercased and validates it with Apache Commons Validator's
// EmailValidator (syntax plus a known IANA top-level domain; iterable-api.md, "Emails").
// This is a port of commons-validator 1.7 `EmailValidator` + `DomainValidator` (allowLocal=false,
// allowTld=false), so that what Ferry records as "sent" matches what Iterable will accept.
// The sandbox imports this same file so both sides agree by construction.

// Java's \p{Cntrl} is [\x00-\x1F\x7F]; \s is [ \t\n\x0B\f\r]. No "u" flag: Java counts UTF-16 units too.
const SPECIAL_CHARS = "\\x00-\\x1F\\x7F\\(\\)<>@,;:'\\\\\\\"\\.\\[\\]";
const VALID_CHARS = `(?:\\\\.)|[^ \\t\\n\\x0B\\f\\r${SPECIAL_CHARS}]`;
const QUOTED_USER = '(?:"(?:\\\\"|[^"])*")';
const WORD = `(?:(?:${VALID_CHARS}|')+|${QUOTED_USER})`;
const USER_PATTERN = new RegExp(`^${WORD}(?:\\.${WORD})*$`);
// The common case, checked first (a plain character class, no alternation to backtrack): dot-
// separated runs of characters that are neither special, quotes, backslashes nor whitespace.
// Whatever it accepts USER_PATTERN accepts; what it refuses goes to USER_PATTERN.
const PLAIN_USER_PATTERN = /^[A-Za-z0-9!#$%&*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&*+/=?^_`{|}~-]+)*$/;
// Java's EMAIL_REGEX "^(.+)@(\\S+)$": its greedy `(.+)` splits at the LAST "@", and no earlier
// "@" can match when that one does not (the domain would hold the same whitespace).
const WHITESPACE = /[ \t\n\x0B\f\r]/;
const IP_DOMAIN_PATTERN = /^\[(.*)\]$/;
const DOMAIN_LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const DOMAIN_PATTERN = new RegExp(`^(?:${DOMAIN_LABEL}\\.)+([a-z](?:[a-z0-9-]{0,61}[a-z0-9])?)\\.?$`);
const MAX_USER_LENGTH = 64;
const MAX_DOMAIN_LENGTH = 253;

// The `tlds` list mixes Unicode and punycode forms; DomainValidator compares ASCII forms.
const KNOWN_TLDS: ReadonlySet<string> = new Set(
  (tlds as string[]).map((tld) => domainToASCII(`x.${tld}`).slice(2) || tld).map((t) => t.toLowerCase()),
);

/** Trim and lowercase, the form Iterable stores. Does not validate. */
export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/** True when Apache Commons' EmailValidator (as Iterable uses it) would accept `email`. */
export function isValidEmail(email: string): boolean {
  if (email.length === 0 || email.endsWith(".")) return false;
  const at = email.lastIndexOf("@");
  if (at < 1 || at === email.length - 1) return false;
  const domain = email.slice(at + 1);
  if (WHITESPACE.test(domain)) return false;
  return isValidUser(email.slice(0, at)) && isValidDomain(domain);
}

function isValidUser(user: string): boolean {
  return user.length <= MAX_USER_LENGTH && (PLAIN_USER_PATTERN.test(user) || USER_PATTERN.test(user));
}

// Most addresses share a few domains, and the IDN conversion dominates the cost of a check:
// a small memo keeps the sandbox's ingest rate high. Cleared when full, so memory stays bounded.
const DOMAIN_MEMO_LIMIT = 10_000;
const domainMemo = new Map<string, boolean>();

function isValidDomain(domain: string): boolean {
  const known = domainMemo.get(domain);
  if (known !== undefined) return known;
  const valid = checkDomain(domain);
  if (domainMemo.size >= DOMAIN_MEMO_LIMIT) domainMemo.clear();
  domainMemo.set(domain, valid);
  return valid;
}

function checkDomain(domain: string): boolean {
  const ip = IP_DOMAIN_PATTERN.exec(domain);
  if (ip) {
    const address = ip[1] ?? "";
    return isIPv4(address) || isIPv6(address);
  }
  const ascii = domainToASCII(domain.toLowerCase());
  if (!ascii || ascii.length > MAX_DOMAIN_LENGTH) return false;
  const parts = DOMAIN_PATTERN.exec(ascii);
  if (!parts) return false;
  return KNOWN_TLDS.has(parts[1] ?? "");
}
