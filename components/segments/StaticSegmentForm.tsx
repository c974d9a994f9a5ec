"use client";
// Create or edit a static segment: a name and an uploaded list of customer ids (or emails, or
// another text attribute), pasted or read from a file. A file is streamed to
// /api/segments/lists (a big list is over a server action's 1 MB) and the form saves its id.
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ActionMessage, FieldError } from "@/components/ui/ActionMessage";
import { FormMessage } from "@/components/ui/FormMessage";
import { IDLE, type FormAction } from "@/lib/actions/action-state";
import { isMessageKey } from "@/lib/i18n/messages";
import { SEGMENT_NAME_MAX, STATIC_FILE_MAX, STATIC_LIST_MAX } from "@/lib/segments/schemas";

type ListFile = { listId: string; values: number; fileName: string };
type UploadError = { key: string; params?: Record<string, string | number> };

async function sendListFile(file: File): Promise<{ ok: true; listId: string; values: number } | { ok: false; error: UploadError }> {
  try {
    const response = await fetch("/api/segments/lists", { method: "POST", headers: { "Content-Type": "text/plain" }, body: file });
    const body = (await response.json().catch(() => null)) as { listId?: string; values?: number; error?: UploadError } | null;
    if (response.ok && body?.listId) return { ok: true, listId: body.listId, values: body.values ?? 0 };
    return { ok: false, error: body?.error ?? { key: "errors.generic" } };
  } catch {
    return { ok: false, error: { key: "errors.generic" } };
  }
}

type Props = {
  action: FormAction;
  textAttributes: string[];
  segment?: { id: string; name: string; description: string; matchBy: string };
};

export function StaticSegmentForm({ action, textAttributes, segment }: Props) {
  const { t } = useI18n();
  const router = useRouter();
  const [state, formAction, pending] = useActionState(action, IDLE);
  const [name, setName] = useState(segment?.name ?? "");
  const [description, setDescription] = useState(segment?.description ?? "");
  const [matchBy, setMatchBy] = useState(segment?.matchBy ?? "customer_id");
  const [list, setList] = useState("");
  const [listFile, setListFile] = useState<ListFile | null>(null);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<UploadError | null>(null);
  useEffect(() => {
    const id = state.status === "ok" ? state.message?.params?.id : undefined;
    if (id) router.push(`/segments/${id}`);
  }, [state, router]);
  const invalid = (field: string) => Boolean(state.fieldErrors?.[field]);
  return (
    <form action={formAction} noValidate className="card space-y-4" data-testid="static-segment-form">
      <ActionMessage state={state} testId="segment-form-message" />
      {segment && <input type="hidden" name="segmentId" value={segment.id} />}
      <input type="hidden" name="listId" value={listFile?.listId ?? ""} />
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="segment-name" className="field-label">{t("segments.name")}</label>
          <input id="segment-name" name="name" className="field-input" maxLength={SEGMENT_NAME_MAX} value={name} onChange={(event) => setName(event.target.value)}
            aria-invalid={invalid("name")} aria-describedby={invalid("name") ? "name-error" : "segment-name-hint"} />
          <p id="segment-name-hint" className="mt-1 text-xs text-slate-600">{t("segments.nameHint")}</p>
          <FieldError state={state} field="name" />
        </div>
        <div>
          <label htmlFor="segment-description" className="field-label">{t("segments.description")}</label>
          <input id="segment-description" name="description" className="field-input" value={description} onChange={(event) => setDescription(event.target.value)} />
        </div>
        <div>
          <label htmlFor="segment-match-by" className="field-label">{t("segments.static.matchBy")}</label>
          <select id="segment-match-by" name="matchBy" className="field-input" value={matchBy} onChange={(event) => setMatchBy(event.target.value)} aria-invalid={invalid("matchBy")}>
            <option value="customer_id">{t("segments.static.customerId")}</option>
            {textAttributes.map((attribute) => <option key={attribute} value={attribute}>{attribute}</option>)}
          </select>
          <FieldError state={state} field="matchBy" />
        </div>
        <div>
          <label htmlFor="segment-list-file" className="field-label">{t("segments.static.file")}</label>
          <input id="segment-list-file" type="file" accept=".csv,.txt,text/csv,text/plain" className="field-input"
            aria-describedby="segment-list-file-hint"
            onChange={async (event) => {
              const file = event.target.files?.[0];
              setListFile(null);
              setUploadError(null);
              if (!file) return;
              setUploading(true);
              const sent = await sendListFile(file);
              setUploading(false);
              if (sent.ok) {
                setListFile({ listId: sent.listId, values: sent.values, fileName: file.name });
                setList("");
              } else setUploadError(sent.error);
            }} />
          <p id="segment-list-file-hint" className="mt-1 text-xs text-slate-600">{t("segments.static.fileHint", { max: STATIC_FILE_MAX })}</p>
        </div>
      </div>
      {uploading && <p role="status" className="text-sm text-slate-700" data-testid="list-file-uploading">{t("segments.static.fileUploading")}</p>}
      {listFile && (
        <FormMessage tone="success" testId="list-file">{t("segments.static.fileRead", { count: listFile.values, file: listFile.fileName })}</FormMessage>
      )}
      {uploadError && (
        <FormMessage tone="error" testId="list-file-error">
          {isMessageKey(uploadError.key) ? t(uploadError.key, uploadError.params) : t("errors.generic")}
        </FormMessage>
      )}
      <div>
        <label htmlFor="segment-list" className="field-label">{t("segments.static.list")}</label>
        <textarea id="segment-list" name="list" rows={8} className="field-input font-mono" value={list}
          onChange={(event) => { setList(event.target.value); setListFile(null); }}
          aria-invalid={invalid("list")} aria-describedby={invalid("list") ? "list-error" : "segment-list-hint"} />
        <p id="segment-list-hint" className="mt-1 text-xs text-slate-600">
          {t("segments.static.listHint", { max: STATIC_LIST_MAX })} {segment && t("segments.static.keepList")}
        </p>
        <FieldError state={state} field="list" />
      </div>
      <button type="submit" className="btn-primary" disabled={pending || uploading}>{pending ? t("common.saving") : t("common.save")}</button>
    </form>
  );
}
