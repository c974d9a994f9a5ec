"use server";
// Data › Profiles mutations: schema → permission → domain function (lib/profiles).
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { requestAttributeCount } from "@/lib/profiles/attribute-counts";
import { startImportSchema } from "@/lib/profiles/import/import-schemas";
import { startImport } from "@/lib/profiles/import/imports";

export const startImportAction = defineAction({
  name: "profiles.startImport",
  schema: startImportSchema,
  permission: "profiles:import",
  run: (input, actor) => startImport(actor, input),
  // The job id travels in the params: the form goes on to the import's progress page.
  success: (job) => ({ key: "profiles.import.started", params: { jobId: job.id } }),
});

export const recountAttributesAction = defineAction({
  name: "profiles.recountAttributes",
  schema: z.object({}),
  permission: "profiles:import",
  run: (_input, actor) => requestAttributeCount(actor),
  success: () => ({ key: "profiles.catalog.recountStarted" }),
  revalidate: ["/profiles/attributes"],
});
