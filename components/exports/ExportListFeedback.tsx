"use client";
// The outcome of a row action of the exports list (Duplicate, Detach, Remove), shown above the
// list: the row and its dialog may be gone once the list re-renders (a removed export), so the
// message lives here, outside the rows.
import { createContext, useContext, useState, type ReactNode } from "react";
import { ActionMessage } from "@/components/ui/ActionMessage";
import type { ActionState } from "@/lib/actions/action-state";

const Report = createContext<(state: ActionState) => void>(() => {});

export function useReportOutcome() {
  return useContext(Report);
}

export function ExportListFeedback({ children }: { children: ReactNode }) {
  const [outcome, setOutcome] = useState<ActionState | null>(null);
  return (
    <Report.Provider value={setOutcome}>
      {outcome && <div className="mb-4"><ActionMessage state={outcome} testId="exports-message" /></div>}
      {children}
    </Report.Provider>
  );
}
