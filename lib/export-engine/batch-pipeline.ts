// Sends planned batches with up to `concurrency` in flight. Batches are read one after another
// (the plan cursor is a single session) and each one's processing (send, then commit what
// Iterable acknowledged) runs on its own. On a stop request or the first error no new batch
// starts, and the batches already in flight are always awaited: their answers are committed,
// so a cancel or failure "keeps what was acknowledged" and resends at most those batches.

export type PipelineOptions<B> = {
  nextBatch: () => Promise<B | null>;
  process: (batch: B) => Promise<void>;
  concurrency: number;
  shouldStop?: () => boolean;
};

export type PipelineResult = { batches: number; stopped: boolean };

export async function runBatchPipeline<B>(options: PipelineOptions<B>): Promise<PipelineResult> {
  const limit = Math.max(1, Math.floor(options.concurrency));
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | null = null;
  let batches = 0;
  let stopped = false;
  let prefetched: Promise<B | null> | null = null;

  for (;;) {
    if (failure) break;
    if (options.shouldStop?.()) {
      stopped = true;
      break;
    }
    if (inFlight.size >= limit) {
      await Promise.race(inFlight);
      continue;
    }
    const batch = await (prefetched ?? options.nextBatch());
    prefetched = null;
    if (batch === null) break;
    batches += 1;
    const task: Promise<void> = options
      .process(batch)
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
    // Every slot busy: read the next batch now, while the requests are out. It is never sent
    // before a slot frees, so a stop or crash still leaves at most `concurrency` in flight.
    if (inFlight.size >= limit) {
      prefetched = options.nextBatch();
      prefetched.catch(() => {}); // observed when awaited; avoids an unhandled rejection meanwhile
    }
  }
  // A read still running must finish before the caller closes the cursor; its batch is dropped.
  if (prefetched) await prefetched.catch(() => null);
  await Promise.all(inFlight);
  if (failure) throw (failure as { error: unknown }).error;
  return { batches, stopped };
}
