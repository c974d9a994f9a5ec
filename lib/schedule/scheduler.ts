// Every worker process checks the schedule on a timer; the unique slot per refresh (see
// startDueRefreshes) makes a slot fire once however many workers check it.
import { logger } from "@/lib/logging/logger";
import { startDueRefreshes } from "./schedule";

export function startScheduler(options: { intervalMs?: number } = {}) {
  const timer = setInterval(() => {
    startDueRefreshes()
      .then((started) => {
        if (started.length) logger.info({ refreshes: started }, "scheduled refresh started");
      })
      .catch((error) => logger.error({ err: error }, "schedule check failed"));
  }, options.intervalMs ?? 15_000);
  return { stop: () => clearInterval(timer) };
}
