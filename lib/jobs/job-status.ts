// The job state machine, pure: which moves are allowed.
export const JOB_STATUSES = ["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELED"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

const MOVES: Record<JobStatus, readonly JobStatus[]> = {
  // QUEUED → RUNNING when a worker claims it; → CANCELED before any worker took it.
  QUEUED: ["RUNNING", "CANCELED"],
  // RUNNING → QUEUED when its worker stopped (shutdown or lost heartbeat): another resumes it.
  RUNNING: ["SUCCEEDED", "FAILED", "CANCELED", "QUEUED"],
  SUCCEEDED: [],
  FAILED: [],
  CANCELED: [],
};

export function canMove(from: JobStatus, to: JobStatus): boolean {
  return MOVES[from].includes(to);
}

export function isActive(status: JobStatus): boolean {
  return status === "QUEUED" || status === "RUNNING";
}

export function isFinished(status: JobStatus): boolean {
  return MOVES[status].length === 0;
}

export type JobProgress = { done?: number; total?: number; message?: string };

/** Share done in [0, 1], or null when the total is not known yet. */
export function progressRatio(progress: JobProgress): number | null {
  if (!progress.total || progress.total <= 0 || progress.done === undefined) return null;
  return Math.min(1, Math.max(0, progress.done / progress.total));
}
