// A connection's status as the list and its page show it: connected / failing with the last
// check's time and reason, or that it needs a new export user (then its exports do not run).
import type { ConnectionStatus } from "@/lib/connections/connections";
import type { Locale, MessageKey, Translate } from "@/lib/i18n/messages";

type Props = {
  t: Translate;
  locale: Locale;
  connection: { id: string; status: ConnectionStatus; checkedAt: Date; checkProblem: string | null };
};

const TONE: Record<ConnectionStatus, string> = {
  connected: "bg-green-100 text-green-900",
  failing: "bg-red-100 text-red-900",
  needsExportUser: "bg-amber-100 text-amber-900",
};

// A key that worked in its data center and now gets a 401 was most likely revoked: the stored
// status says "not accepted" rather than suggesting the other data center.
function problemKey(problem: string): MessageKey {
  return `connections.check.${problem}` as MessageKey;
}

export function ConnectionStatusText({ t, locale, connection }: Props) {
  const time = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(connection.checkedAt);
  return (
    <div data-testid={`status-${connection.id}`}>
      <span className={`inline-block rounded px-2 py-0.5 text-xs font-semibold ${TONE[connection.status]}`}>{t(`connections.status.${connection.status}`)}</span>
      <p className="mt-1 text-xs text-slate-600">{t("connections.checkedAt", { time })}</p>
      {connection.checkProblem && <p className="mt-1 text-xs text-red-800">{t(problemKey(connection.checkProblem))}</p>}
    </div>
  );
}
