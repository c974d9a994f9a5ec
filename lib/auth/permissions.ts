// The one role → permission table. Every server-side check (pages, server actions, route
// handlers) and every decision about what the UI shows reads it; nothing else decides access.
export const ROLES = ["ADMINISTRATOR", "CONTRIBUTOR", "VIEWER"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "profiles:view",
  "profiles:import",
  "segments:view",
  "segments:edit",
  "exports:view",
  "exports:edit",
  "exports:run",
  "connections:view",
  // Pick a connection shared with contributors when setting up an export (name and type only).
  "connections:use",
  "connections:manage",
  "users:manage",
  "system:view",
  "system:manage",
  "audit:view",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const VIEWER: readonly Permission[] = ["profiles:view", "segments:view", "exports:view"];
const CONTRIBUTOR: readonly Permission[] = [
  ...VIEWER,
  "profiles:import",
  "segments:edit",
  "exports:edit",
  "exports:run",
  "connections:use",
];

export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  ADMINISTRATOR: new Set(PERMISSIONS),
  CONTRIBUTOR: new Set(CONTRIBUTOR),
  VIEWER: new Set(VIEWER),
};

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return role ? ROLE_PERMISSIONS[role].has(permission) : false;
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
