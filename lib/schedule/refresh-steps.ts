// What a system refresh does, in order: each domain registers its step (segments first, then
// exports: exports wait for their segments). Kept as a list so the refresh job does not import
// every domain, and tests can run a refresh with steps of their own.
export type RefreshStepResult = { summary: Record<string, unknown>; warnings?: string[] };

export type RefreshStep = {
  name: string;
  run(context: { refreshId: string; signal: AbortSignal; trigger: "SCHEDULED" | "MANUAL" }): Promise<RefreshStepResult>;
};

const steps: RefreshStep[] = [];

export function registerRefreshStep(step: RefreshStep) {
  const existing = steps.findIndex((candidate) => candidate.name === step.name);
  if (existing >= 0) steps[existing] = step;
  else steps.push(step);
}

export function refreshSteps(): readonly RefreshStep[] {
  return steps;
}

export function clearRefreshSteps() {
  steps.length = 0;
}
