"use client";
// Import step by step: upload (streamed, with progress), then choose the customer-id column and
// check or correct each column's type, then start the import job and follow it on its page.
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ActionMessage, FieldError } from "@/components/ui/ActionMessage";
import { FormMessage } from "@/components/ui/FormMessage";
import { IDLE, type FormAction } from "@/lib/actions/action-state";
import { isMessageKey } from "@/lib/i18n/messages";
import type { CsvColumn } from "@/lib/profiles/import/csv-inspect";
import { ATTRIBUTE_TYPES, type AttributeType, type CatalogEntry } from "@/lib/segments/rules";

type Upload = { uploadId: string; fileName: string; columns: CsvColumn[]; sampledRows: number; idColumn: string; catalog: CatalogEntry[] };
type UploadError = { key: string; params?: Record<string, string | number> };

function sendFile(file: File, onProgress: (percent: number) => void): Promise<{ status: number; body: unknown }> {
  // XMLHttpRequest, not fetch: only it reports upload progress.
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/api/profiles/uploads");
    request.setRequestHeader("Content-Type", "text/csv");
    request.setRequestHeader("X-File-Name", encodeURIComponent(file.name));
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(Math.round((event.loaded / event.total) * 100));
    request.onload = () => {
      try {
        resolve({ status: request.status, body: JSON.parse(request.responseText) });
      } catch {
        resolve({ status: request.status, body: null });
      }
    };
    request.onerror = () => reject(new Error("network"));
    request.send(file);
  });
}

export function ImportWizard({ action }: { action: FormAction }) {
  const { t } = useI18n();
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [uploadError, setUploadError] = useState<UploadError | null>(null);
  const [idColumn, setIdColumn] = useState("");
  const [types, setTypes] = useState<Record<string, AttributeType>>({});
  const [state, formAction, pending] = useActionState(action, IDLE);

  useEffect(() => {
    const jobId = state.status === "ok" ? state.message?.params?.jobId : undefined;
    if (jobId) router.push(`/profiles/import/${jobId}`);
  }, [state, router]);

  async function onUpload() {
    if (!file) return;
    setUploadError(null);
    setUpload(null);
    setPercent(0);
    try {
      const { status, body } = await sendFile(file, setPercent);
      if (status !== 200) setUploadError((body as { error?: UploadError } | null)?.error ?? { key: "errors.generic" });
      else {
        const result = body as Upload;
        setUpload(result);
        setIdColumn(result.idColumn);
        setTypes(Object.fromEntries(result.columns.map((column) => [column.name, column.inferredType])));
      }
    } catch {
      setUploadError({ key: "errors.generic" });
    } finally {
      setPercent(null);
    }
  }

  const catalogType = (name: string) => upload?.catalog.find((entry) => entry.name === name)?.type;
  return (
    <div className="space-y-6">
      <div className="card space-y-3">
        <label htmlFor="import-file" className="field-label">{t("profiles.import.file")}</label>
        <input id="import-file" type="file" accept=".csv,.txt,.tsv,text/csv" className="field-input" aria-describedby="import-file-hint"
          onChange={(event) => { setFile(event.target.files?.[0] ?? null); setUpload(null); setUploadError(null); }} />
        <p id="import-file-hint" className="text-xs text-slate-600">{t("profiles.import.fileHint")}</p>
        <button type="button" className="btn-primary" disabled={!file || percent !== null} onClick={onUpload}>
          {percent !== null ? t("profiles.import.uploading", { percent }) : t("profiles.import.upload")}
        </button>
        {uploadError && (
          <FormMessage tone="error" testId="upload-error">
            {isMessageKey(uploadError.key) ? t(uploadError.key, uploadError.params) : t("errors.generic")}
          </FormMessage>
        )}
      </div>
      {upload && (
        <form action={formAction} className="card space-y-4" data-testid="import-form">
          <ActionMessage state={state} testId="import-message" />
          <input type="hidden" name="uploadId" value={upload.uploadId} />
          <input type="hidden" name="fileName" value={upload.fileName} />
          <input type="hidden" name="types" value={JSON.stringify(types)} />
          <div className="max-w-sm">
            <label htmlFor="import-id-column" className="field-label">{t("profiles.import.idColumn")}</label>
            <select id="import-id-column" name="idColumn" className="field-input" value={idColumn} onChange={(event) => setIdColumn(event.target.value)}>
              {upload.columns.map((column) => <option key={column.name} value={column.name}>{column.name}</option>)}
            </select>
            <FieldError state={state} field="idColumn" />
          </div>
          <h2 className="text-lg font-semibold">{t("profiles.import.columns")}</h2>
          <p className="text-sm text-slate-700">{t("profiles.import.inferred", { rows: upload.sampledRows })}</p>
          <table className="data-table" data-testid="import-columns">
            <thead>
              <tr><th scope="col">{t("profiles.import.column")}</th><th scope="col">{t("profiles.import.type")}</th><th scope="col">{t("profiles.import.examples")}</th></tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {upload.columns.filter((column) => column.name !== idColumn).map((column) => {
                const locked = catalogType(column.name);
                return (
                  <tr key={column.name}>
                    <td className="font-mono">{column.name}</td>
                    <td>
                      {locked ? (
                        <span className="text-sm">{t("profiles.import.typeLocked", { type: t(`attributeType.${locked}`) })}</span>
                      ) : (
                        <select aria-label={t("profiles.import.typeFor", { column: column.name })} className="rounded-md border border-slate-400 bg-white px-2 py-1 text-sm"
                          value={types[column.name]} onChange={(event) => setTypes({ ...types, [column.name]: event.target.value as AttributeType })}>
                          {ATTRIBUTE_TYPES.map((type) => <option key={type} value={type}>{t(`attributeType.${type}`)}</option>)}
                        </select>
                      )}
                    </td>
                    <td className="text-xs text-slate-700">{column.examples.join(" · ")}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <button type="submit" className="btn-primary" disabled={pending}>{t("profiles.import.start")}</button>
        </form>
      )}
    </div>
  );
}
