import { describe, expect, it } from "vitest";
import { checkEmail, isValidEmail } from "./email";

// isValidEmail's shortcut (a plain user at the last valid email's domain) must answer exactly
// like the full check, whatever domain the previous valid email left behind.
const USERS = [
  "ada",
  "a",
  "ada.lovelace",
  "ada..lovelace",
  ".ada",
  "ada.",
  "o'brien",
  "{ada}|~^`#$%&*/=?!",
  "user_name-1+tag",
  '"quoted user"',
  '"a@b"',
  "a@b",
  "ada lovelace",
  "ada\\ lovelace",
  "ada(comment)",
  "jösé",
  "ADA",
  "a".repeat(64),
  "a".repeat(65),
  `${"a".repeat(32)}.${"b".repeat(31)}`,
  "",
];
const DOMAINS = [
  "example.com",
  "example.com.",
  "sub.example.co.uk",
  "example.notatld",
  "example",
  "[192.168.0.1]",
  "[999.1.1.1]",
  "exämple.de",
  "example.рф",
  "exa mple.com",
  "-example.com",
  "b.photography",
  "",
];

describe("isValidEmail's shortcut", () => {
  it("agrees with the full check for every user part and domain, after each valid domain", () => {
    const primes = DOMAINS.filter((d) => checkEmail(`prime@${d}`));
    expect(primes.length).toBeGreaterThan(4);
    for (const prime of primes) {
      for (const user of USERS) {
        for (const domain of DOMAINS) {
          expect(isValidEmail(`prime@${prime}`)).toBe(true);
          const email = `${user}@${domain}`;
          expect([email, isValidEmail(email)]).toEqual([email, checkEmail(email)]);
          // A second "@" or a look-alike tail must not slip through the domain shortcut.
          for (const variant of [`x@${email}`, `${user}@x${domain}`, `${user}${domain}`, `${user}@@${domain}`]) {
            expect([variant, isValidEmail(variant)]).toEqual([variant, checkEmail(variant)]);
          }
        }
      }
    }
  });

  it("agrees with the full check on random strings built from the characters that matter", () => {
    const alphabet = ["a", "b", ".", "@", '"', " ", "(", "\\", "é", "-", "+", "x", "c", "o", "m"];
    let seed = 7;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    for (let n = 0; n < 20_000; n += 1) {
      const length = Math.floor(random() * 14);
      let text = "";
      for (let i = 0; i < length; i += 1) text += alphabet[Math.floor(random() * alphabet.length)];
      for (const email of [text, `${text}@example.com`, `${text}.com`, `ab@${text}`]) {
        expect([email, isValidEmail(email)]).toEqual([email, checkEmail(email)]);
      }
    }
  });
});
