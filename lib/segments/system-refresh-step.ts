// The system refresh's first step: recompute every dynamic segment, so the exports that follow
// send current membership.
import type { RefreshStep } from "@/lib/schedule/refresh-steps";
import { refreshAllDynamicSegments } from "./refresh";

export const segmentsRefreshStep: RefreshStep = {
  name: "segments",
  async run({ signal }) {
    const { refreshed, failed } = await refreshAllDynamicSegments({ signal });
    return {
      summary: { refreshed: refreshed.length, failed: failed.length },
      warnings: failed.map((failure) => `segment ${failure.segmentId}: ${failure.errorKey}`),
    };
  },
};
