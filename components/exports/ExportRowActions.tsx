"use client";
// A row of the exports list: Edit, Run now, Duplicate, Detach connection, Remove. The server page
// decides which ones this user may use (the same can() table the actions check). Duplicate,
// Detach and Remove open a modal dialog that says what will happen before anything changes.
import Link from "next/link";
import { useActionState, useRef, useState, type ReactNode } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ActionMessage } from "@/components/ui/ActionMessage";
import { IDLE, type ActionState, type FormAction } from "@/lib/actions/action-state";
import { EXPORT_NAME_MAX } from "@/lib/export-engine/export-form";
import { RunActionButton } from "./RunActionButton";
import { useReportOutcome } from "./ExportListFeedback";

type Props = {
  row: { id: string; name: string; connectionName: string | null };
  canEdit: boolean;
  canRun: boolean;
  actions: { run: FormAction; duplicate: FormAction; detach: FormAction; remove: FormAction };
};

export function ExportRowActions({ row, canEdit, canRun, actions }: Props) {
  const { t } = useI18n();
  const reasonId = `run-reason-${row.id}`;
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
      {canEdit && <Link href={`/exports/${row.id}/edit`} className="text-brand-700 underline" aria-label={`${t("exports.edit")}, ${row.name}`}>{t("exports.edit")}</Link>}
      {canRun && (row.connectionName ? (
        <RunActionButton action={actions.run} field="exportId" id={row.id} label="exports.runNow" accessibleName={row.name} variant="link" testId={`run-now-${row.name}`} />
      ) : (
        <span className="inline-flex flex-wrap items-center gap-2">
          <button type="button" className="text-brand-700 underline disabled:cursor-not-allowed disabled:opacity-60" disabled
            aria-label={`${t("exports.runNow")}, ${row.name}`} aria-describedby={reasonId} data-testid={`run-now-${row.name}`}>
            {t("exports.runNow")}
          </button>
          <span id={reasonId} className="text-xs text-slate-700" data-testid={`run-reason-${row.name}`}>{t("exports.runNow.detachedReason")}</span>
        </span>
      ))}
      {canEdit && (
        <>
          <ActionDialog kind="duplicate" label={t("exports.duplicate")} rowName={row.name} title={t("exports.duplicate.title", { name: row.name })} action={actions.duplicate}
            exportId={row.id} submitLabel={t("exports.duplicate.submit")} testId={`duplicate-${row.name}`}>
            {(state) => <CopyName state={state} idBase={`duplicate-${row.id}`} initial={t("exports.duplicate.defaultName", { name: row.name }).slice(0, EXPORT_NAME_MAX)} />}
          </ActionDialog>
          {row.connectionName && (
            <ActionDialog kind="detach" label={t("exports.detach")} rowName={row.name} title={t("exports.detach.title", { name: row.name, connection: row.connectionName })} action={actions.detach}
              exportId={row.id} submitLabel={t("exports.detach.submit")} testId={`detach-${row.name}`}>
              {() => <p className="text-sm">{t("exports.detach.body")}</p>}
            </ActionDialog>
          )}
          <ActionDialog kind="remove" label={t("exports.remove")} rowName={row.name} title={t("exports.remove.title", { name: row.name })} action={actions.remove}
            exportId={row.id} submitLabel={t("exports.remove.submit")} danger testId={`remove-${row.name}`}>
            {() => <p className="text-sm">{t("exports.remove.body")}</p>}
          </ActionDialog>
        </>
      )}
    </div>
  );
}

function CopyName({ state, idBase, initial }: { state: ActionState; idBase: string; initial: string }) {
  const { t } = useI18n();
  const error = state.fieldErrors?.name;
  return (
    <div>
      <label htmlFor={`${idBase}-name`} className="field-label">{t("exports.duplicate.nameLabel")}</label>
      <input id={`${idBase}-name`} name="name" className="field-input" maxLength={EXPORT_NAME_MAX} defaultValue={state.values?.name ?? initial}
        aria-invalid={Boolean(error)} aria-describedby={error ? `${idBase}-name-error ${idBase}-hint` : `${idBase}-hint`} />
      {error && <p id={`${idBase}-name-error`} className="field-error">{t(error.key, error.params)}</p>}
      <p id={`${idBase}-hint`} className="mt-1 text-xs text-slate-600">{t("exports.duplicate.hint")}</p>
    </div>
  );
}

type DialogProps = {
  kind: "duplicate" | "detach" | "remove";
  label: string;
  rowName: string;
  title: string;
  action: FormAction;
  exportId: string;
  submitLabel: string;
  danger?: boolean;
  testId: string;
  children: (state: ActionState) => ReactNode;
};

function ActionDialog({ kind, label, rowName, title, action, exportId, submitLabel, danger, testId, children }: DialogProps) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  // A new form each time the dialog opens: no message or typed value left from the last time.
  const [opened, setOpened] = useState(0);
  return (
    <>
      <button type="button" className="text-brand-700 underline" aria-label={`${label}, ${rowName}`} aria-haspopup="dialog" data-testid={testId}
        onClick={() => { setOpened((n) => n + 1); dialog.current?.showModal(); }}>
        {label}
      </button>
      <dialog ref={dialog} aria-labelledby={`${kind}-${exportId}-title`} className="m-auto w-full max-w-lg rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40" data-testid={`${testId}-dialog`}>
        <DialogForm key={opened} title={title} titleId={`${kind}-${exportId}-title`} action={action} exportId={exportId} submitLabel={submitLabel} danger={danger}
          close={() => dialog.current?.close()} cancelLabel={t("common.cancel")}>
          {children}
        </DialogForm>
      </dialog>
    </>
  );
}

type FormProps = {
  title: string;
  titleId: string;
  action: FormAction;
  exportId: string;
  submitLabel: string;
  cancelLabel: string;
  danger?: boolean;
  close: () => void;
  children: (state: ActionState) => ReactNode;
};

function DialogForm({ title, titleId, action, exportId, submitLabel, cancelLabel, danger, close, children }: FormProps) {
  const report = useReportOutcome();
  // Reported and closed before the list re-renders: a removed export's row (and this dialog)
  // is gone by then.
  const [state, formAction, pending] = useActionState(async (previous: ActionState, data: FormData) => {
    const next = await action(previous, data);
    if (next.status === "ok") {
      report(next);
      close();
    }
    return next;
  }, IDLE);
  return (
    <form action={formAction} noValidate className="space-y-4 p-6">
      <h2 id={titleId} className="text-lg font-semibold">{title}</h2>
      {state.status === "error" && <ActionMessage state={state} />}
      <input type="hidden" name="exportId" value={exportId} />
      {children(state)}
      <div className="flex flex-wrap justify-end gap-2">
        <button type="button" className="btn-secondary" onClick={close}>{cancelLabel}</button>
        <button type="submit" className={danger ? "btn-danger" : "btn-primary"} disabled={pending}>{submitLabel}</button>
      </div>
    </form>
  );
}
