// The demo accounts, one per role (also in the README). No imports: the start command and
// the end-to-end tests read them without loading the database client.
import type { Role } from "@/lib/auth/permissions";

export const DEMO_USERS: { email: string; name: string; role: Role; password: string }[] = [
  { email: "admin@example.com", name: "Ada Admin", role: "ADMINISTRATOR", password: "ferry-admin-demo" },
  { email: "contributor@example.com", name: "Carlos Contributor", role: "CONTRIBUTOR", password: "ferry-contributor-demo" },
  { email: "viewer@example.com", name: "Vera Viewer", role: "VIEWER", password: "ferry-viewer-demo" },
];
