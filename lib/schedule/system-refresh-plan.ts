// What a system refresh does, in order: segments first, then the exports that send them.
import { exportsRefreshStep } from "@/lib/export-engine/system-refresh-step";
import { segmentsRefreshStep } from "@/lib/segments/system-refresh-step";
import { registerRefreshStep } from "./refresh-steps";

export function registerSystemRefreshSteps() {
  registerRefreshStep(segmentsRefreshStep);
  registerRefreshStep(exportsRefreshStep);
}
