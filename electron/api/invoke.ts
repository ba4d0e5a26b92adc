import { isChannel, type Channel } from './channels';
import { ACCESS, INPUTS, type Output } from './contract';
import type { CallContext, HandlerTable } from './handlers';
import { AppError, fail, ok, type Result } from './result';
import type { Logger } from '../services/logger';
import { fieldsFromIssues } from '../services/zod';
import type { StaffIdentity, StaffRole } from '../services/staff/staff-service';

/** What every transport needs to serve calls: the handler table, a log, and the staff guard. */
export interface ApiCore {
  table: HandlerTable;
  log: Logger;
  /** Returns the staff member behind a session with at least `role`, or throws an AppError. */
  authorize(session: string | undefined, role: StaffRole): StaffIdentity;
}

/**
 * The one path every call takes: check the channel, validate the input, check the caller's
 * staff rights where the channel needs them, run the handler, and turn anything thrown into a
 * Result. Stack traces stay in the log, never reach the page.
 */
export async function invoke(core: ApiCore, channel: string, rawInput: unknown, ctx: CallContext): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return fail('UNKNOWN_CHANNEL', `Không có chức năng "${channel.slice(0, 60)}".`);
  }
  const parsed = INPUTS[channel].safeParse(rawInput ?? {});
  if (!parsed.success) {
    return fail('INVALID_INPUT', 'Dữ liệu gửi lên không hợp lệ.', fieldsFromIssues(parsed.error.issues));
  }
  try {
    const access = ACCESS[channel];
    const call: CallContext = { transport: ctx.transport };
    if (access !== 'public') {
      const session = (parsed.data as { session?: string }).session;
      call.staff = core.authorize(session, access);
    }
    const handler = core.table[channel] as (input: unknown, ctx: CallContext) => Promise<Output<Channel>>;
    return ok(await handler(parsed.data, call));
  } catch (error) {
    if (error instanceof AppError) return fail(error.code, error.message, error.fields, error.retryAfterSeconds);
    core.log.error('handler failed', {
      channel,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
    return fail('INTERNAL', 'Đã có lỗi ngoài dự kiến. Xin thử lại; nếu vẫn lỗi, hãy báo cán bộ phụ trách.');
  }
}

/** Builds the core every transport serves from the live services. */
export function createApiCore(table: HandlerTable, log: Logger, authorize: ApiCore['authorize']): ApiCore {
  return { table, log, authorize };
}
