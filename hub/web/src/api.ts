import type { HubChannel, HubInput, HubOutputs } from '../../server/api';
import type { Result } from '../../../electron/api/result';

/** Calls one channel of the hub's API with the session cookie; never throws for an expected failure. */
export async function call<C extends HubChannel>(channel: C, input: HubInput<C>): Promise<Result<HubOutputs[C]>> {
  try {
    const response = await fetch(`/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-request': '1' },
      body: JSON.stringify(input),
      credentials: 'same-origin',
    });
    return (await response.json()) as Result<HubOutputs[C]>;
  } catch {
    return { ok: false, error: { code: 'UNAVAILABLE', message: 'Không kết nối được tới máy chủ. Kiểm tra mạng rồi thử lại.' } };
  }
}
