import { describe, expect, it } from "vitest";
import { NAVIGATION, navigationFor } from "./navigation";
import { can, isRole, PERMISSIONS, ROLE_PERMISSIONS, ROLES, type Permission, type Role } from "./permissions";

// The expected table, written out in full: a change to the real table must change this too.
const EXPECTED: Record<Role, Permission[]> = {
  ADMINISTRATOR: [...PERMISSIONS],
  CONTRIBUTOR: ["profiles:view", "profiles:import", "segments:view", "segments:edit", "exports:view", "exports:edit", "exports:run", "connections:use"],
  VIEWER: ["profiles:view", "segments:view", "exports:view"],
};

describe("role → permission table", () => {
  it.each(ROLES.flatMap((role) => PERMISSIONS.map((permission) => [role, permission] as const)))(
    "%s / %s",
    (role, permission) => {
      expect(can(role, permission)).toBe(EXPECTED[role].includes(permission));
    },
  );

  it("gives every role a set of known permissions only", () => {
    for (const role of ROLES) for (const permission of ROLE_PERMISSIONS[role]) expect(PERMISSIONS).toContain(permission);
  });

  it("refuses when there is no role", () => {
    expect(can(null, "exports:view")).toBe(false);
    expect(can(undefined, "profiles:view")).toBe(false);
  });

  it("recognises roles and nothing else", () => {
    expect(isRole("VIEWER")).toBe(true);
    expect(isRole("viewer")).toBe(false);
    expect(isRole("ROOT")).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});

describe("navigation", () => {
  const labels = (role: Role) => navigationFor(role).flatMap((section) => section.items.map((item) => item.href));

  it("shows administrators everything", () => {
    expect(labels("ADMINISTRATOR")).toEqual(NAVIGATION.flatMap((section) => section.items.map((item) => item.href)));
  });

  it("shows contributors and viewers the Data section only", () => {
    for (const role of ["CONTRIBUTOR", "VIEWER"] as const) {
      expect(labels(role)).toEqual(["/profiles", "/segments", "/exports"]);
      expect(navigationFor(role).map((section) => section.label)).toEqual(["nav.data"]);
    }
  });
});
