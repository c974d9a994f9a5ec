// Permission test for every Data › Profiles action and role (import, recount of the catalog).
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import { closeBulkPool } from "@/lib/db/bulk";
import { db } from "@/lib/db/client";
import { stopBoss } from "@/lib/jobs/queue";
import { saveUpload } from "@/lib/profiles/import/uploads";
import { createTestUser, formData, resetDatabase } from "@/lib/testing/database";
import { recountAttributesAction, startImportAction } from "./actions";

type Actor = Awaited<ReturnType<typeof createTestUser>> | null;
const CASES: { name: string; call: (actor: Actor) => ReturnType<typeof startImportAction.runAs> }[] = [
  {
    name: "startImport",
    call: async (actor) => {
      const { uploadId } = await saveUpload(new Blob(["customer_id,city\nC1,Madrid\n"]).stream());
      return startImportAction.runAs(actor, formData({ uploadId, fileName: "a.csv", idColumn: "customer_id", types: JSON.stringify({ city: "TEXT" }) }));
    },
  },
  { name: "recountAttributes", call: (actor) => recountAttributesAction.runAs(actor, formData({})) },
];
const ALLOWED: Record<Role, boolean> = { ADMINISTRATOR: true, CONTRIBUTOR: true, VIEWER: false };

afterAll(async () => {
  await stopBoss();
  await closeBulkPool();
});

describe("Data › Profiles actions: permissions", () => {
  beforeEach(resetDatabase);
  for (const action of CASES) {
    for (const role of Object.keys(ALLOWED) as Role[]) {
      it(`${action.name} as ${role}: ${ALLOWED[role] ? "allowed" : "refused"}`, async () => {
        const actor = await createTestUser(role);
        const state = await action.call(actor);
        if (ALLOWED[role]) {
          expect(state.status, JSON.stringify(state)).toBe("ok");
          expect(await db().job.count()).toBe(1);
          expect(await db().auditLog.count()).toBe(1);
        } else {
          expect(state).toMatchObject({ status: "error", message: { key: "errors.notAllowed" } });
          expect(await db().job.count()).toBe(0);
          expect(await db().auditLog.count()).toBe(0);
        }
      });
    }
    it(`${action.name} signed out: refused`, async () => {
      expect(await action.call(null)).toMatchObject({ status: "error", message: { key: "errors.notSignedIn" } });
    });
  }

  it("refuses an id column the file does not have", async () => {
    const admin = await createTestUser("ADMINISTRATOR");
    const { uploadId } = await saveUpload(new Blob(["id,city\n1,Madrid\n"]).stream());
    const state = await startImportAction.runAs(admin, formData({ uploadId, idColumn: "customer_id", types: "{}" }));
    expect(state).toMatchObject({ status: "error", fieldErrors: { idColumn: { key: "profiles.import.noIdColumn" } } });
    expect(await db().job.count()).toBe(0);
  });
});
