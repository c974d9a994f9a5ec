// Guards the layering the README promises: Prisma only in lib/ server modules, and client
// components never import server-only modules.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");

function files(dir: string): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.(ts|tsx)$/.test(file))
    .map((file) => path.join(dir, file));
}

const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
const PRISMA_IMPORT = /from\s+["'](@\/lib\/db\/client|@\/lib\/db\/generated[^"']*|@prisma\/client)["']/;

describe("architecture", () => {
  it("components never import the database", () => {
    const offenders = files("components").filter((file) => PRISMA_IMPORT.test(read(file)));
    expect(offenders).toEqual([]);
  });

  it("app/ reaches the database only through lib/ domain modules", () => {
    const offenders = files("app").filter((file) => PRISMA_IMPORT.test(read(file)) && !/import type/.test(read(file)));
    expect(offenders).toEqual([]);
  });

  it("client components import no server module", () => {
    const serverOnly = /from\s+["'](@\/lib\/db\/|@\/lib\/auth\/session|@\/lib\/actions\/define-action|@\/lib\/logging|next\/headers)/;
    const offenders = [...files("components"), ...files("app")]
      .filter((file) => read(file).startsWith('"use client"'))
      .filter((file) => serverOnly.test(read(file)));
    expect(offenders).toEqual([]);
  });

  it("nothing outside lib/config reads a setting from process.env", () => {
    // Passing the whole environment on to a child process (lib/db/migrate.ts) is not reading it.
    const reads = /process\.env(\.|\[)/;
    const offenders = [...files("app"), ...files("components"), ...files("lib")]
      .filter((file) => !file.startsWith(path.join("lib", "config")) && !file.startsWith(path.join("lib", "testing")) && !file.endsWith(".test.ts"))
      .filter((file) => file !== path.join("lib", "db", "migrate.ts"))
      .filter((file) => reads.test(read(file)));
    expect(offenders).toEqual([]);
  });
});
