// The console's navigation, filtered by the permission table: the server renders only what the
// signed-in role may open, and every page checks the same permission again.
import type { MessageKey } from "@/lib/i18n/messages";
import { can, type Permission, type Role } from "./permissions";

export type NavItem = { href: string; label: MessageKey; permission: Permission };
export type NavSection = { label: MessageKey; items: NavItem[] };

export const NAVIGATION: readonly NavSection[] = [
  {
    label: "nav.data",
    items: [
      { href: "/profiles", label: "nav.profiles", permission: "profiles:view" },
      { href: "/segments", label: "nav.segments", permission: "segments:view" },
      { href: "/exports", label: "nav.exports", permission: "exports:view" },
    ],
  },
  {
    label: "nav.admin",
    items: [
      { href: "/admin/connections", label: "nav.connections", permission: "connections:view" },
      { href: "/admin/users", label: "nav.users", permission: "users:manage" },
      { href: "/admin/system", label: "nav.system", permission: "system:view" },
    ],
  },
];

export function navigationFor(role: Role): NavSection[] {
  return NAVIGATION.map((section) => ({
    ...section,
    items: section.items.filter((item) => can(role, item.permission)),
  })).filter((section) => section.items.length > 0);
}
