let chain: Promise<unknown> = Promise.resolve();

/**
 * Runs the citizen side's calls on an assisted session one after another, so the result of a demo
 * cut short by the idle reset reaches the session before the session is paused.
 */
export function sendInOrder<T>(call: () => Promise<T>): Promise<T> {
  const next = chain.then(call, call);
  chain = next.catch(() => undefined);
  return next;
}
