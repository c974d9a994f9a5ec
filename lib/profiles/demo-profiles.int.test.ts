import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { resetDatabase } from "@/lib/testing/database";
import { DEMO_ATTRIBUTES, seedDemoProfiles } from "./demo-profiles";

const snapshot = () => db().profile.findMany({ orderBy: { id: "asc" }, select: { customerId: true, attributes: true } });

describe("demo profiles", () => {
  beforeEach(resetDatabase);

  it("are deterministic: the same N gives the same profiles", async () => {
    await seedDemoProfiles(3000);
    const first = await snapshot();
    await resetDatabase();
    await seedDemoProfiles(3000);
    expect(await snapshot()).toEqual(first);
    expect(first).toHaveLength(3000);
    expect(first[0]!.customerId).toBe("C00000001");
  });

  it("leave existing profiles alone when seeded again", async () => {
    await seedDemoProfiles(1000);
    expect((await seedDemoProfiles(1500)).inserted).toBe(500);
    expect(await db().profile.count()).toBe(1500);
  });

  it("fill the catalog and every attribute, with a messy second email", async () => {
    await seedDemoProfiles(5000);
    expect((await db().attribute.findMany()).map((attribute) => attribute.name).sort()).toEqual(DEMO_ATTRIBUTES.map((attribute) => attribute.name).sort());
    const profiles = await snapshot();
    const values = (name: string) => profiles.map((profile) => (profile.attributes as Record<string, unknown>)[name]);
    for (const name of ["first_name", "last_name", "email", "country", "city", "loyalty_tier", "lifetime_value", "marketing_opt_in", "created_date"]) {
      expect(values(name).every((value) => value !== undefined && value !== null), name).toBe(true);
    }
    expect(values("email").every((email) => /^[a-z0-9.]+@example\.com$/.test(String(email)))).toBe(true);
    expect(new Set(values("loyalty_tier"))).toEqual(new Set(["bronze", "silver", "gold", "platinum"]));
    expect(values("lifetime_value").every((value) => typeof value === "number")).toBe(true);
    expect(values("marketing_opt_in").every((value) => typeof value === "boolean")).toBe(true);

    const contact = values("contact_email");
    const share = (test: (value: unknown) => boolean) => contact.filter(test).length / contact.length;
    expect(share((value) => value === undefined)).toBeGreaterThan(0.02); // missing
    expect(share((value) => value === "")).toBeGreaterThan(0.02); // blank
    expect(share((value) => typeof value === "string" && value !== value.trim())).toBeGreaterThan(0.02); // stray spaces
    expect(share((value) => typeof value === "string" && /[A-Z]/.test(value))).toBeGreaterThan(0.02); // upper case
    expect(share((value) => typeof value === "string" && value.trim() !== "" && !/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(value.trim()))).toBeGreaterThan(0.03); // invalid
    expect(share((value) => typeof value === "string" && /^[a-z0-9.]+@example\.com$/.test(value))).toBeGreaterThan(0.4); // clean
  });
});
