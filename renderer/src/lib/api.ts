import { CHANNELS } from '../../../electron/api/channels';
import type { ChannelOf, KioskApi, MethodName, Result } from '../../../electron/api/types';

declare global {
  interface Window {
    /** The named API the Electron preload exposes; absent in the browser shell. */
    kiosk?: KioskApi;
  }
}

// One map of method → channel, shared with the core: a channel added there is callable here.
const CHANNEL_OF: { [M in MethodName]: ChannelOf<M> } = CHANNELS;

const UNAVAILABLE = 'Không kết nối được với phần lõi của trạm. Xin chờ một chút rồi thử lại.';

function readToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="kiosk-token"]')?.content ?? '';
}

async function post(channel: string, input: unknown): Promise<Result<unknown>> {
  try {
    const response = await fetch(`api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kiosk-token': readToken() },
      body: JSON.stringify(input),
    });
    const body: unknown = await response.json().catch(() => null);
    if (body && typeof body === 'object' && 'ok' in body) return body as Result<unknown>;
    return { ok: false, error: { code: 'UNAVAILABLE', message: UNAVAILABLE } };
  } catch {
    return { ok: false, error: { code: 'UNAVAILABLE', message: UNAVAILABLE } };
  }
}

function httpApi(): KioskApi {
  const api: Record<string, (input: unknown) => Promise<Result<unknown>>> = {};
  for (const [method, channel] of Object.entries(CHANNEL_OF)) api[method] = (input) => post(channel, input);
  return api as KioskApi;
}

/** The app's only way to reach the core: Electron's preload API, or the browser shell over HTTP. */
export const api: KioskApi = window.kiosk ?? httpApi();
