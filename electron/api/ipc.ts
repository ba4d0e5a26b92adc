import type { HandlerTable } from './handlers';
import { invoke } from './invoke';
import { fail, type Result } from './result';
import type { Logger } from '../services/logger';

/**
 * Serves one IPC call: refuses any sender frame that is not the app's own page, then takes
 * the common invoke path. Kept free of Electron so it is tested directly.
 */
export async function handleIpcCall(
  table: HandlerTable,
  channel: string,
  senderUrl: string | undefined,
  input: unknown,
  isTrustedSender: (url: string | undefined) => boolean,
  log: Logger,
): Promise<Result<unknown>> {
  if (!isTrustedSender(senderUrl)) {
    log.warn('ipc call from untrusted sender refused', { channel, origin: safeOrigin(senderUrl) });
    return fail('FORBIDDEN', 'Yêu cầu không đến từ màn hình của trạm nên bị từ chối.');
  }
  return invoke(table, channel, input, { transport: 'ipc' }, log);
}

function safeOrigin(url: string | undefined): string {
  if (!url) return '(none)';
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid)';
  }
}
