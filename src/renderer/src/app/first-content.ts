/**
 * Content first: background work that competes for the window's main thread waits until the first screen
 * shows what the cache holds. The home screen, where a signed-in start lands, says when its content is
 * there. Waiting for idle time is not enough: while the first screen waits for IndexedDB the thread is
 * idle, and the search index's parse (about 0.3 s) then ran between each of its reads. In the client bench
 * (five cold starts each way, docs/benchmarks.md) the home screen showed its data at a median of 839 ms,
 * as the index finished loading; waiting for it, at 353 ms, with search ready sooner too (590 ms, was 838).
 */
let shown = false;
const waiting = new Set<() => void>();

/** The first screen shows its content (called once it has read the cache, even if that is empty). */
export function firstContentShown(): void {
  if (shown) return;
  shown = true;
  for (const run of [...waiting]) run();
  waiting.clear();
}

/**
 * Runs `task` once the first screen has shown its content, or after `timeoutMs` if no screen says so (a
 * start on another screen). Returns the function that cancels it.
 */
export function afterFirstContent(task: () => void, timeoutMs = 1500): () => void {
  if (shown) {
    task();
    return () => undefined;
  }
  const run = (): void => {
    clearTimeout(timer);
    waiting.delete(run);
    task();
  };
  const timer = setTimeout(run, timeoutMs);
  waiting.add(run);
  return () => {
    clearTimeout(timer);
    waiting.delete(run);
  };
}
