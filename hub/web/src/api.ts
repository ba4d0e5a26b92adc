import type { HubChannel, HubInput, HubOutputs } from '../../server/api';
import type { Result } from '../../../electron/api/result';
import { t } from './lib/lang.svelte';

let onSessionEnded: (message: string) => void = () => {};

/** What to do when the hub says the session is over (the page goes back to sign-in with the message). */
export function whenSessionEnds(handler: (message: string) => void): void {
  onSessionEnded = handler;
}

/** Calls one channel of the hub's API with the session cookie; never throws for an expected failure. */
export async function call<C extends HubChannel>(channel: C, input: HubInput<C>): Promise<Result<HubOutputs[C]>> {
  let result: Result<HubOutputs[C]>;
  try {
    const response = await fetch(`/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-request': '1' },
      body: JSON.stringify(input),
      credentials: 'same-origin',
    });
    result = (await response.json()) as Result<HubOutputs[C]>;
  } catch {
    return { ok: false, error: { code: 'UNAVAILABLE', message: t().common.unreachable } };
  }
  if (!result.ok && result.error.code === 'UNAUTHORIZED' && channel !== 'auth:sign-in' && channel !== 'setup:complete' && channel !== 'auth:me') {
    onSessionEnded(result.error.message);
  }
  return result;
}
