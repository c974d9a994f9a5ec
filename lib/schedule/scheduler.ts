// Every worker process checks the schedules on a timer: the system refresh and the exports that
// have a schedule of their own. A unique slot per refresh (see startDueRefreshes) and per export
// slot (startDueExportRuns) makes a slot fire once however many workers check it.
import { logger } from "@/lib/logging/logger";
import { startDueExportRuns } from "./export-schedule";
import { startDueRefreshes } from "./schedule";

export function startScheduler(options: { intervalMs?: number } = {}) {
  const timer = setInterval(() => {
    const now = new Date();
    startDueRefreshes(now)
      .then((started) => {
        if (started.length) logger.info({ refreshes: started }, "scheduled refresh started");
      })
      .catch((error) => logger.error({ err: error }, "schedule check failed"));
    startDueExportRuns(now)
      .then((started) => {
        if (started.length) logger.info({ runs: started }, "scheduled export runs started");
      })
      .catch((error) => logger.error({ err: error }, "export schedule check failed"));
  }, options.intervalMs ?? 15_000);
  return { stop: () => clearInterval(timer) };
}
