import { invoke, type ApiCore } from './invoke';
import { fail, type Result } from './result';

/**
 * Serves one IPC call: refuses any sender frame that is not the app's own page, then takes
 * the common invoke path. Kept free of Electron so it is tested directly.
 */
export async function handleIpcCall(
  core: ApiCore,
  channel: string,
  senderUrl: string | undefined,
  input: unknown,
  isTrustedSender: (url: string | undefined) => boolean,
): Promise<Result<unknown>> {
  if (!isTrustedSender(senderUrl)) {
    core.log.warn('ipc call from untrusted sender refused', { channel, origin: safeOrigin(senderUrl) });
    return fail('FORBIDDEN', 'Yêu cầu không đến từ màn hình của trạm nên bị từ chối.');
  }
  return invoke(core, channel, input, { transport: 'ipc' });
}

function safeOrigin(url: string | undefined): string {
  if (!url) return '(none)';
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid)';
  }
}
