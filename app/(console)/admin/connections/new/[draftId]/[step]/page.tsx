import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { WizardStepContent, type WizardPage } from "@/components/connections/WizardStepContent";
import { WizardSteps, type WizardStep } from "@/components/connections/WizardSteps";
import { FormMessage } from "@/components/ui/FormMessage";
import { PageHeader } from "@/components/ui/PageHeader";
import { requirePagePermission } from "@/lib/auth/session";
import { findDraft, STEP } from "@/lib/connections/drafts";
import { defaultSandboxUrl } from "@/lib/connections/endpoints";
import { getTranslator } from "@/lib/i18n/server";
import {
  cancelDraftAction, draftConnectAction, draftExportUserAction, draftNameAction, draftSharingAction, saveDraftAction,
} from "../../../actions";
import { isUuid } from "@/lib/connections/schemas";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())("connections.wizard.title") };
}

// Steps 2 to 8. Each page needs the steps before it: a page opened too early sends the admin
// to the first unfinished step (the server actions check the same again).
const PAGES: Record<WizardPage, { needs: number; marks: WizardStep[] }> = {
  name: { needs: STEP.type, marks: ["name"] },
  sharing: { needs: STEP.name, marks: ["sharing"] },
  connect: { needs: STEP.sharing, marks: ["key", "privacy", "connect"] },
  "export-user": { needs: STEP.connect, marks: ["exportUser"] },
  save: { needs: STEP.exportUser, marks: ["save"] },
};
const FIRST_UNFINISHED: [number, WizardPage][] = [[STEP.type, "name"], [STEP.name, "sharing"], [STEP.sharing, "connect"], [STEP.connect, "export-user"], [STEP.exportUser, "save"]];


type Props = { params: Promise<{ draftId: string; step: string }>; searchParams: Promise<{ connected?: string }> };

export default async function WizardStepPage({ params, searchParams }: Props) {
  const me = await requirePagePermission("connections:manage");
  const { draftId, step } = await params;
  if (!isUuid(draftId) || !Object.hasOwn(PAGES, step)) notFound();
  const page = step as WizardPage;
  const t = await getTranslator();
  const draft = await findDraft(me, draftId);
  if (!draft) {
    return (
      <>
        <PageHeader title={t("connections.wizard.title")} />
        <div className="max-w-2xl space-y-4">
          <FormMessage tone="error" testId="draft-gone">{t("connections.draftGone")}</FormMessage>
          <Link href="/admin/connections/new" className="btn-primary">{t("connections.add")}</Link>
        </div>
      </>
    );
  }
  if (draft.completedStep < PAGES[page].needs) {
    const next = FIRST_UNFINISHED.find(([done]) => done === draft.completedStep)?.[1] ?? "name";
    redirect(`/admin/connections/new/${draft.id}/${next}`);
  }
  const { connected } = await searchParams;
  return (
    <>
      <PageHeader title={t("connections.wizard.title")} description={t("connections.wizard.intro")} />
      <WizardSteps t={t} current={PAGES[page].marks} completed={draft.completedStep} />
      <div className="card max-w-2xl">
        <WizardStepContent
          t={t}
          page={page}
          draft={draft}
          me={me}
          justConnected={connected === "1"}
          sandboxUrl={defaultSandboxUrl()}
          actions={{ name: draftNameAction, sharing: draftSharingAction, connect: draftConnectAction, exportUser: draftExportUserAction, save: saveDraftAction, cancel: cancelDraftAction }}
        />
      </div>
    </>
  );
}
