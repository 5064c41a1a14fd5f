/**
 * Lets the event loop run what is waiting (requests, timers) before a long task goes on. An
 * `await` of a settled promise does not: it only queues a microtask.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
