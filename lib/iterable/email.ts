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

// The shortcut for the common row (the engine and the sandbox each check a million per export):
// a plain user part at the domain the last valid email had. It only answers true where the full
// check does (email-shortcut.test.ts checks both agree): that domain followed the last "@" of an
// accepted email, so it holds no "@" nor whitespace, does not end with "." and passes the (pure)
// domain check; the email ends with "@" + domain, so its last "@" sits right before it; the user
// part is 1-64 characters of PLAIN_USER_PATTERN (dot-separated runs of the same characters).
// Per million rows the full check (two slices, two regexes, a memo lookup hashing the fresh
// domain string) cost the sandbox ~0.4 CPU s more.
const PLAIN_USER_CHARS = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&*+/=?^_`{|}~-") PLAIN_USER_CHARS[c.charCodeAt(0)] = 1;
const DOT = 46;
const AT = 64;
let lastValidDomain: string | undefined;

/** True when Apache Commons' EmailValidator (as Iterable uses it) would accept `email`. */
export function isValidEmail(email: string): boolean {
  const domain = lastValidDomain;
  if (domain !== undefined) {
    const at = email.length - domain.length - 1;
    if (at >= 1 && at <= MAX_USER_LENGTH && email.charCodeAt(at) === AT && email.endsWith(domain) && isPlainUser(email, at)) return true;
  }
  if (!checkEmail(email)) return false;
  lastValidDomain = email.slice(email.lastIndexOf("@") + 1);
  return true;
}

/** email[0, end) is dot-separated non-empty runs of PLAIN_USER_CHARS. */
function isPlainUser(email: string, end: number): boolean {
  let previousDot = true; // no leading dot
  for (let i = 0; i < end; i += 1) {
    const code = email.charCodeAt(i);
    if (code === DOT) {
      if (previousDot) return false;
      previousDot = true;
    } else if (code < 128 && PLAIN_USER_CHARS[code] === 1) {
      previousDot = false;
    } else {
      return false;
    }
  }
  return !previousDot; // no trailing dot
}

/** isValidEmail without the shortcut (exported for the test that compares the two). */
export function checkEmail(email: string): boolean {
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
