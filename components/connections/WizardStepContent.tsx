// The content of wizard steps 2 to 8 (server component): what each step asks, with what the
// draft already holds as the starting values. The key is never one of them.
import Link from "next/link";
import { FormMessage } from "@/components/ui/FormMessage";
import type { FormAction } from "@/lib/actions/action-state";
import type { CurrentUser } from "@/lib/auth/session";
import type { ConnectionDraftView } from "@/lib/connections/drafts";
import { PRIVACY_NOTICE_PARAGRAPHS, PRIVACY_NOTICE_VERSION } from "@/lib/connections/privacy-notice";
import { REGIONS, SHARING } from "@/lib/connections/schemas";
import type { Translate } from "@/lib/i18n/messages";
import { ConnectionForm, type FormField } from "./ConnectionForm";

export type WizardPage = "name" | "sharing" | "connect" | "export-user" | "save";
type Actions = Record<"name" | "sharing" | "connect" | "exportUser" | "save" | "cancel", FormAction>;
type Props = { t: Translate; page: WizardPage; draft: ConnectionDraftView; me: CurrentUser; justConnected: boolean; sandboxUrl: string; actions: Actions };

const PREVIOUS: Partial<Record<WizardPage, WizardPage>> = { sharing: "name", connect: "sharing", "export-user": "connect", save: "export-user" };

export function WizardStepContent({ t, page, draft, me, justConnected, sandboxUrl, actions }: Props) {
  const draftField: FormField = { kind: "hidden", name: "draftId", value: draft.id };
  const previous = PREVIOUS[page];
  const back = previous && <Link href={`/admin/connections/new/${draft.id}/${previous}`} className="btn-secondary">{t("connections.wizard.back")}</Link>;
  const next = t("connections.wizard.next");
  const regionLabel = draft.region ? t(`connections.region.${draft.region}`) : "";
  let body;
  if (page === "name") {
    body = (
      <ConnectionForm id="name" action={actions.name} submitLabel={next} fields={[
        draftField,
        { kind: "text", name: "displayName", label: t("connections.wizard.nameLabel"), hint: t("connections.wizard.nameHint"), defaultValue: draft.displayName ?? "", autoComplete: "off" },
      ]} />
    );
  } else if (page === "sharing") {
    body = (
      <ConnectionForm id="sharing" action={actions.sharing} submitLabel={next} extra={back} fields={[
        draftField,
        { kind: "radio", name: "sharing", legend: t("connections.wizard.sharingLegend"), defaultValue: draft.sharing,
          options: SHARING.map((value) => ({ value, label: t(`connections.sharing.${value}`), hint: t(`connections.wizard.sharingHint.${value}`) })) },
      ]} />
    );
  } else if (page === "connect") {
    body = (
      <>
        {draft.apiKeyLast4 && (
          <div className="mb-4">
            <FormMessage tone="success" testId="draft-connected">{t("connections.wizard.connectedKey", { last4: draft.apiKeyLast4, region: regionLabel })}</FormMessage>
            <Link href={`/admin/connections/new/${draft.id}/export-user`} className="btn-secondary mt-2">{next}</Link>
          </div>
        )}
        <ConnectionForm id="connect" action={actions.connect} submitLabel={t("connections.wizard.connect")} pendingLabel={t("connections.wizard.connecting")} extra={back} fields={[
          draftField,
          { kind: "hidden", name: "noticeVersion", value: PRIVACY_NOTICE_VERSION },
          { kind: "text", name: "apiKey", type: "password", label: t("connections.wizard.keyLabel"), hint: t("connections.wizard.keyHint") },
          { kind: "radio", name: "region", legend: t("connections.wizard.regionLegend"), defaultValue: draft.region ?? undefined,
            options: REGIONS.map((value) => ({ value, label: t(`connections.regionLong.${value}`) })) },
          { kind: "text", name: "baseUrl", type: "url", label: t("connections.wizard.baseUrlLabel"), hint: t("connections.wizard.baseUrlHint", { url: sandboxUrl }), defaultValue: draft.baseUrl ?? sandboxUrl },
          { kind: "notice", title: t("connections.privacy.title"), paragraphs: PRIVACY_NOTICE_PARAGRAPHS.map((key) => t(key)),
            footnote: t("connections.wizard.noticeVersion", { version: PRIVACY_NOTICE_VERSION }), testId: "privacy-notice" },
          { kind: "checkbox", name: "agree", label: t("connections.wizard.agree") },
        ]} />
        <p className="mt-3 text-xs text-slate-600">{t("connections.wizard.readOnlyNote")}</p>
      </>
    );
  } else if (page === "export-user") {
    body = (
      <>
        {justConnected && draft.apiKeyLast4 && (
          <div className="mb-4 space-y-2">
            <FormMessage tone="success" testId="connect-ok">{t("connections.wizard.connectedKey", { last4: draft.apiKeyLast4, region: regionLabel })}</FormMessage>
            <p className="text-sm text-amber-800" data-testid="read-only-note">{t("connections.wizard.readOnlyNote")}</p>
          </div>
        )}
        {draft.exportUserConfirmedAt && <p className="mb-4 text-sm text-green-800">{t("connections.wizard.exportUserDone")}</p>}
        <p className="mb-4 text-sm">{t("connections.wizard.exportUserBody", { name: me.name, email: me.email })}</p>
        <ConnectionForm id="export-user" action={actions.exportUser} submitLabel={t("connections.wizard.exportUserSubmit")} extra={back} fields={[
          draftField,
          { kind: "text", name: "password", type: "password", label: t("connections.password"), autoComplete: "current-password" },
        ]} />
      </>
    );
  } else {
    body = (
      <>
        <p className="mb-4 text-sm">{t("connections.wizard.saveBody")}</p>
        <h2 className="mb-2 font-semibold">{t("connections.wizard.summary")}</h2>
        <dl className="mb-6 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm" data-testid="wizard-summary">
          <dt className="font-medium">{t("connections.col.name")}</dt><dd>{draft.displayName}</dd>
          <dt className="font-medium">{t("connections.col.type")}</dt><dd>{t(`connections.type.${draft.type}`)}</dd>
          <dt className="font-medium">{t("connections.col.sharing")}</dt><dd>{t(`connections.sharing.${draft.sharing}`)}</dd>
          <dt className="font-medium">{t("connections.col.region")}</dt><dd>{regionLabel}{draft.baseUrl ? ` (${draft.baseUrl})` : ""}</dd>
          <dt className="font-medium">{t("connections.detail.key")}</dt><dd>{t("connections.keyEndsWith", { last4: draft.apiKeyLast4 ?? "" })}</dd>
          <dt className="font-medium">{t("connections.detail.privacy")}</dt>
          <dd>{t("connections.detail.privacyValue", { name: me.name, date: draft.privacyAcceptedAt?.toISOString().slice(0, 10) ?? "", version: draft.privacyNoticeVersion ?? "" })}</dd>
          <dt className="font-medium">{t("connections.col.exportUser")}</dt><dd>{me.name} ({me.email})</dd>
        </dl>
        <ConnectionForm id="save" action={actions.save} submitLabel={t("connections.wizard.saveSubmit")} extra={back} fields={[draftField]} />
      </>
    );
  }
  return (
    <>
      <h2 className="mb-4 text-lg font-semibold">{t("connections.wizard.stepOf", { step: STEP_NUMBER[page], total: 8 })}</h2>
      {body}
      <div className="mt-6 border-t border-slate-200 pt-4">
        <ConnectionForm id="cancel" action={actions.cancel} submitLabel={t("connections.wizard.cancel")} danger fields={[draftField]} className="space-y-2" />
      </div>
    </>
  );
}

const STEP_NUMBER: Record<WizardPage, string> = { name: "2", sharing: "3", connect: "4–6", "export-user": "7", save: "8" };
