// Download of the rows an import left out, one line each with its problem in the user's language.
import fs from "node:fs";
import readline from "node:readline";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { routeHandler } from "@/lib/auth/route-handler";
import { ExpectedError } from "@/lib/errors";
import { getTranslator } from "@/lib/i18n/server";
import { isMessageKey } from "@/lib/i18n/messages";
import { errorReportPath } from "@/lib/profiles/import/run-import";
import { getImport } from "@/lib/profiles/import/imports";

const field = (value: string) => `"${value.replace(/"/g, '""')}"`;

export const GET = routeHandler("profiles:view", async (_request, _user, context: { params: Promise<{ jobId: string }> }) => {
  const id = z.uuid().safeParse((await context.params).jobId);
  const job = id.success ? await getImport(id.data) : null;
  const file = job ? errorReportPath(job.id) : "";
  if (!job || !fs.existsSync(file)) throw new ExpectedError("errors.notFoundTitle", { status: 404 });
  const t = await getTranslator();
  const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  const encoder = new TextEncoder();
  // Streamed line by line: a report of a million bad rows never sits in memory.
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode(`${[t("profiles.import.line"), t("profiles.customerId"), t("profiles.import.problem")].map(field).join(",")}\n`));
      let header = true;
      for await (const line of lines) {
        if (header) { header = false; continue; }
        const [[row, customerId, code, column, value, expected, found]] = parse(line) as string[][] as [string[]];
        const key = `profiles.import.error.${code}`;
        const problem = isMessageKey(key) ? t(key, { column: column ?? "", value: value ?? "", expected: expected ?? "", found: found ?? "" }) : code ?? "";
        controller.enqueue(encoder.encode(`${row},${field(customerId ?? "")},${field(problem)}\n`));
      }
      controller.close();
    },
  });
  return new Response(body, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="import-${job.id}-rejected-rows.csv"`, "Cache-Control": "no-store" },
  });
});
