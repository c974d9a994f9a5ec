// `ferry connections …`: Admin › Connections from the command line. The API key is read from an
// environment variable or standard input (never an argument: it would land in shell history and
// `ps`), is never printed, and only its last four characters appear in any output.
import { can } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { addConnection } from "@/lib/connections/add-connection";
import { listConnections } from "@/lib/connections/connections";
import { listUsableConnections } from "@/lib/connections/export-readiness";
import { PRIVACY_NOTICE_PARAGRAPHS, PRIVACY_NOTICE_VERSION } from "@/lib/connections/privacy-notice";
import { nameKeyOf, type RegionName } from "@/lib/connections/schemas";
import { translator } from "@/lib/i18n/messages";
import { actingUser, CliError, NOT_ALLOWED, print } from "./cli-context";
import type { Flags } from "./export-commands";

const str = (value: unknown) => (typeof value === "string" ? value : undefined);
const english = translator("en");

export async function connectionsCommand(action: string | undefined, flags: Flags): Promise<number> {
  const json = flags.json === true;
  switch (action) {
    case "add":
      return add(await actingUser(str(flags.as), "connections:manage"), flags, json);
    case "list":
      return list(await actingUser(str(flags.as), "connections:use"), json);
    default:
      throw new CliError(`unknown command: connections ${action ?? ""}`, 2);
  }
}

async function add(actor: CurrentUser, flags: Flags, json: boolean): Promise<number> {
  // The wizard's step 5: no connection without an explicit agreement to this notice.
  if (flags["accept-privacy"] !== true) {
    throw new CliError(
      [
        `A connection sends data to Iterable. Read the data privacy notice (version ${PRIVACY_NOTICE_VERSION}):`,
        "",
        ...PRIVACY_NOTICE_PARAGRAPHS.map((key) => `  ${english(key)}`),
        "",
        "To agree to it and connect, run the command again with --accept-privacy.",
      ].join("\n"),
      2,
    );
  }
  const displayName = str(flags.name);
  if (!displayName) throw new CliError("--name <display name> is required", 2);
  const endpoint = endpointOf(flags);
  const apiKey = await readKey(flags);
  const { connection, listCount } = await addConnection(actor, {
    type: "ITERABLE",
    displayName,
    sharing: flags["share-with-contributors"] === true ? "ADMINISTRATORS_AND_CONTRIBUTORS" : "ADMINISTRATORS",
    ...endpoint,
    apiKey,
    agree: "on",
    noticeVersion: PRIVACY_NOTICE_VERSION,
  });
  const view = {
    id: connection.id, name: connection.displayName, type: connection.type, region: connection.region, baseUrl: connection.baseUrl,
    status: "connected", sharedWithContributors: connection.sharing === "ADMINISTRATORS_AND_CONTRIBUTORS", exportUser: actor.email,
    keyLast4: connection.apiKeyLast4, privacyNoticeVersion: connection.privacyNoticeVersion, privacyAcceptedAt: connection.privacyAcceptedAt,
    listCount,
  };
  print(json, view, () =>
    `Connection "${view.name}" created (${view.id}): connected, ${listCount} lists in the project, key …${view.keyLast4}, export user ${actor.email}.`);
  return 0;
}

function endpointOf(flags: Flags): { region: RegionName; baseUrl?: string } {
  const region = str(flags.region)?.toUpperCase();
  const baseUrl = str(flags["base-url"]);
  if (region && baseUrl) throw new CliError("give either --region us|eu or --base-url <url>, not both", 2);
  if (baseUrl) return { region: "SANDBOX", baseUrl };
  if (region === "US" || region === "EU") return { region };
  throw new CliError("give the data center: --region us|eu, or --base-url <url> for an Iterable-compatible server (the sandbox)", 2);
}

async function readKey(flags: Flags): Promise<string> {
  const variable = str(flags["key-env"]);
  const fromStdin = flags["key-stdin"] === true;
  if (variable && fromStdin) throw new CliError("give either --key-env <VAR> or --key-stdin, not both", 2);
  if (variable) {
    const key = process.env[variable]?.trim();
    if (!key) throw new CliError(`the environment variable ${variable} is empty or not set`, 2);
    return key;
  }
  if (fromStdin) {
    const key = (process.stdin.isTTY ? await promptHidden("Iterable API key: ") : await readAll(process.stdin)).trim();
    if (!key) throw new CliError("no API key on standard input", 2);
    return key;
  }
  throw new CliError("give the API key with --key-env <VAR> or --key-stdin (never as an argument)", 2);
}

async function readAll(stream: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

/** Typed at a terminal: raw mode, so the key is not echoed. */
function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const input = process.stdin;
    let typed = "";
    process.stderr.write(prompt);
    input.setRawMode(true);
    input.resume();
    input.setEncoding("utf8");
    const done = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off("data", onData);
      process.stderr.write("\n");
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (text: string) => {
      for (const char of text) {
        if (char === "\r" || char === "\n" || char === "\u0004") return done();
        if (char === "\u0003") return done(new CliError("canceled", 130));
        if (char === "\u007f" || char === "\b") typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    input.on("data", onData);
  });
}

async function list(user: CurrentUser, json: boolean): Promise<number> {
  // As in the UI: administrators see every connection; contributors only those shared with
  // them, by name and type (what the export form offers them).
  if (!can(user.role, "connections:view")) {
    const usable = (await listUsableConnections(user.role)).map((c) => ({ id: c.id, name: c.displayName, type: c.type }));
    print(json, usable, () => usable.map((c) => `${c.name}\t${c.type}`).join("\n") || "No connections shared with contributors.");
    return 0;
  }
  const connections = (await listConnections()).map((c) => ({
    id: c.id,
    name: c.displayName,
    type: c.type,
    region: c.region,
    baseUrl: c.baseUrl,
    status: c.status,
    sharedWithContributors: c.sharing === "ADMINISTRATORS_AND_CONTRIBUTORS",
    exportUser: c.exportUser?.email ?? null,
    keyLast4: c.apiKeyLast4,
    checkedAt: c.checkedAt,
    exports: c.exportCount,
  }));
  print(json, connections, () =>
    connections
      .map((c) => [c.name, c.type, c.baseUrl ?? c.region, c.status, c.sharedWithContributors ? "shared" : "administrators", c.exportUser ?? "no export user", `…${c.keyLast4}`].join("\t"))
      .join("\n") || "No connections.");
  return 0;
}

/** `exports add --connection <name>`: a connection the acting user may pick, as in the export form. */
export async function usableConnectionByName(user: CurrentUser, name: string): Promise<string> {
  const found = (await listUsableConnections(user.role)).find((c) => nameKeyOf(c.displayName) === nameKeyOf(name));
  if (!found) throw new CliError(`No connection named "${name}" that ${user.email} may use (see: connections list)`, NOT_ALLOWED);
  return found.id;
}
