// `ferry exports …` and `ferry runs …`: the export engine from the command line.
import { db } from "@/lib/db/client";
import {
  cancelRun, confirmRun, createExport, dryRun, findExportByName, getRun, listExports, rejectedRowsCsv, rejectedTotal, requestRun, waitForRun, exportRunJob,
} from "@/lib/export-engine";
import { assertMayOperateExport, assertMayUseConnection, exportIdOfRun } from "@/lib/export-engine/export-access";
import { runErrorText } from "@/lib/export-engine/run-errors";
import { stopBoss } from "@/lib/jobs/queue";
import { startWorker } from "@/lib/jobs/worker";
import { actingUser, CliError, print } from "./cli-context";
import { usableConnectionByName } from "./connection-commands";

export type Flags = Record<string, string | boolean | string[] | undefined>;
const str = (value: unknown) => (typeof value === "string" ? value : undefined);
const list = (value: unknown) => (Array.isArray(value) ? (value as string[]) : typeof value === "string" ? [value] : []);

async function exportByName(name: string | undefined) {
  if (!name) throw new CliError("name the export", 2);
  const found = await findExportByName(name);
  if (!found) throw new CliError(`No export named "${name}"`);
  return found;
}

export async function exportsCommand(action: string | undefined, args: string[], flags: Flags): Promise<number> {
  const json = flags.json === true;
  const as = str(flags.as);
  switch (action) {
    case "list": {
      await actingUser(as, "exports:view");
      const exports = await listExports();
      print(json, exports, () =>
        exports.map((e) => `${e.name}\t${e.connectionId ?? "No connection"}\t${e.lists.map((l) => l.segment.name).join(", ")}\t${e.lastRun?.status ?? "never run"}`).join("\n") || "No exports.");
      return 0;
    }
    case "add": {
      const actor = await actingUser(as, "exports:edit");
      const connectionName = str(flags.connection);
      if (!connectionName) throw new CliError("--connection <connection name> is required (see: connections list)", 2);
      const connectionId = await usableConnectionByName(actor, connectionName);
      // The same check as the export form's action (a contributor: shared connections only).
      await assertMayUseConnection(actor, connectionId);
      const segments = await db().segment.findMany({ where: { name: { in: list(flags.segment) } } });
      if (segments.length !== list(flags.segment).length || segments.length === 0) throw new CliError("every --segment must name an existing segment", 2);
      const created = await createExport(actor, {
        name: str(flags.name) ?? "",
        connectionId,
        emailAttribute: str(flags["email-attribute"]) ?? "email",
        dataFields: list(flags.field).map((pair) => {
          const [attribute, field] = pair.split("=");
          return { attribute: attribute ?? "", field: field ?? attribute ?? "" };
        }),
        mode: flags["add-only"] === true ? "ADD_ONLY" : "MIRROR",
        maxRemovalShare: flags["max-removal"] ? Number(flags["max-removal"]) : 0.5,
        batchSize: flags["batch-size"] ? Number(flags["batch-size"]) : null,
        segmentIds: segments.map((s) => s.id),
      });
      print(json, created, () => `Export "${created.name}" created (${created.id}).`);
      return 0;
    }
    case "run": {
      const actor = await actingUser(as, "exports:run");
      const exp = await exportByName(args[0]);
      await assertMayOperateExport(actor, exp.id);
      // Without a worker elsewhere the run would wait in the queue: run one here unless told not to.
      const worker = flags["no-worker"] === true ? null : await startWorker({ definitions: [exportRunJob] });
      try {
        const { run, created } = await requestRun(exp.id, { trigger: "MANUAL", actor });
        if (!json) console.error(created ? `Run ${run.id} queued.` : `Joined the active run ${run.id}.`);
        if (flags["no-wait"] === true) return print(json, withErrorText(run), () => run.id), 0;
        const done = await waitForRun(run.id, { timeoutMs: Number(str(flags.timeout) ?? 3600) * 1000, pollMs: 200 });
        print(json, withErrorText(done), () => describeRun(done));
        return done.status === "SUCCEEDED" || done.status === "SUCCEEDED_WITH_WARNINGS" ? 0 : 3;
      } finally {
        await worker?.stop();
        await stopBoss();
      }
    }
    case "dry-run": {
      // As the export page's Dry run: part of running (exports:run), on a usable connection.
      const actor = await actingUser(as, "exports:run");
      const exp = await exportByName(args[0]);
      await assertMayOperateExport(actor, exp.id);
      const plan = await dryRun(exp.id);
      print(json, plan, () =>
        plan.lists.map((l) => `${l.listName}: members ${l.members}, valid ${l.validEmails}, add ${l.toAdd}, update ${l.toUpdate}, remove ${l.toRemove}, unchanged ${l.unchanged}`).join("\n") +
        `\n${plan.requests} requests${plan.expectedSeconds !== null ? `, about ${plan.expectedSeconds.toFixed(1)} s at ${plan.requestsPerSecond} requests/s` : ""}${plan.needsConfirmation ? "\nThe run will ask for confirmation (removals above the guardrail)." : ""}`);
      return 0;
    }
    case "cancel": {
      const actor = await actingUser(as, "exports:run");
      const exp = await exportByName(args[0]);
      await assertMayOperateExport(actor, exp.id);
      const active = await db().exportRun.findFirst({ where: { exportId: exp.id, status: { in: ["QUEUED", "RUNNING", "NEEDS_CONFIRMATION"] } } });
      if (!active) throw new CliError("That export has no active run");
      const run = await cancelRun(active.id, actor);
      print(json, withErrorText(run), () => `Cancel requested for run ${run.id} (${run.status}).`);
      return 0;
    }
    default:
      throw new CliError(`unknown command: exports ${action ?? ""}`, 2);
  }
}

export async function runsCommand(action: string | undefined, args: string[], flags: Flags): Promise<number> {
  const json = flags.json === true;
  const as = str(flags.as);
  const runId = args[0];
  if (!runId) throw new CliError("give a run id", 2);
  switch (action) {
    case "show": {
      await actingUser(as, "exports:view");
      const run = await getRun(runId);
      print(json, withErrorText(run), () => describeRun(run));
      return 0;
    }
    case "cancel": {
      const actor = await actingUser(as, "exports:run");
      await assertMayOperateExport(actor, await exportIdOfRun(runId));
      const run = await cancelRun(runId, actor);
      print(json, withErrorText(run), () => `Cancel requested for run ${run.id} (${run.status}).`);
      return 0;
    }
    case "confirm": {
      const actor = await actingUser(as, "exports:run");
      await assertMayOperateExport(actor, await exportIdOfRun(runId));
      const run = await confirmRun(runId, actor);
      print(json, withErrorText(run), () => `Run ${run.id} confirmed and queued again.`);
      return 0;
    }
    case "rejected": {
      await actingUser(as, "exports:view");
      for await (const chunk of rejectedRowsCsv(runId)) process.stdout.write(chunk);
      return 0;
    }
    default:
      throw new CliError(`unknown command: runs ${action ?? ""}`, 2);
  }
}

function describeRun(run: Awaited<ReturnType<typeof getRun>>): string {
  const seconds = run.startedAt && run.finishedAt ? ` in ${((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000).toFixed(1)} s` : "";
  const error = runErrorText(run);
  const lines = [`Run ${run.id}: ${run.status}${seconds}${error ? ` — ${error}` : ""}`];
  for (const l of run.lists) {
    lines.push(`  ${l.listName} (list ${l.iterableListId ?? "-"}): members ${l.members}, valid ${l.validEmails}, missing ${l.missingEmails}, invalid ${l.invalidEmails}, duplicates ${l.duplicates}, added ${l.added}, updated ${l.updated}, removed ${l.removed}, unchanged ${l.unchanged}, rejected ${rejectedTotal(l)}`);
  }
  return lines.join("\n");
}


/** JSON output: the run as stored plus its error in English (the key and params stay for scripts). */
function withErrorText<T extends { errorKey: string | null; errorParams: unknown }>(run: T): T & { error: string | null } {
  return { ...run, error: runErrorText(run) };
}
