/**
 * Serialises saves. `saveSettings` reads, merges and writes; two quick changes (a checkbox, then
 * another) running concurrently could each read the old record and the later write would drop the
 * earlier change. Queued, each save reads what the previous one wrote.
 */
export function createSaveQueue<Patch, Result>(save: (patch: Patch) => Promise<Result>): (patch: Patch) => Promise<Result> {
  let tail: Promise<unknown> = Promise.resolve();
  return (patch) => {
    const run = tail.then(() => save(patch));
    // A failed save must not block the ones after it; its caller still sees the rejection.
    tail = run.catch(() => undefined);
    return run;
  };
}
