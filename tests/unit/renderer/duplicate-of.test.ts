import { describe, expect, it } from 'vitest';
import type { KioskApi } from '../../../electron/api/types';
import { duplicateOf } from '../../../renderer/src/records/duplicate-of';
import { StaffMode } from '../../../renderer/src/staff/staff-mode.svelte';

const ANH = { id: 'p-1', fullName: 'Nguyễn Thị Ánh', birthYear: 1958 };
const HOUSEHOLD = { id: 'h-1', hamlet: 'Thôn Đổng Viên' };

/** Staff mode signed in over a fake core that knows one person. */
function signedIn() {
  const asked: string[] = [];
  const api = {
    recordsPerson: async ({ id }: { id: string }) => {
      asked.push(id);
      return id === ANH.id ? { ok: true, value: { person: ANH, household: HOUSEHOLD, sessions: [] } } : { ok: false, error: { code: 'NOT_FOUND', message: 'Không tìm thấy người này.' } };
    },
    staffSignOut: async () => ({ ok: true, value: { signedOut: true } }),
  } as unknown as KioskApi;
  const staff = new StaffMode({ api, onclose: () => undefined });
  staff.enter();
  staff.signedIn({ session: 's1', staff: { id: 'm-1', name: 'Cán bộ', role: 'member' }, mustChangePin: false });
  return { staff, asked };
}

describe('duplicateOf', () => {
  it('reads the person a CONFLICT names, with their household', async () => {
    const { staff, asked } = signedIn();
    const error = { code: 'CONFLICT' as const, message: 'Có thể đã có người này.', fields: { duplicateOf: ANH.id } };
    expect(await duplicateOf(staff, error)).toEqual({ person: ANH, household: HOUSEHOLD });
    expect(asked).toEqual([ANH.id]);
  });

  it('is null for other refusals, and when the named person cannot be read', async () => {
    const { staff, asked } = signedIn();
    expect(await duplicateOf(staff, { code: 'INVALID_INPUT', message: 'Năm sinh chưa đúng.', fields: { birthYear: 'Năm sinh chưa đúng.', duplicateOf: ANH.id } })).toBeNull();
    expect(await duplicateOf(staff, { code: 'CONFLICT', message: 'Phiên đã kết thúc.' })).toBeNull();
    expect(asked).toEqual([]);
    expect(await duplicateOf(staff, { code: 'CONFLICT', message: 'Có thể đã có người này.', fields: { duplicateOf: 'p-gone' } })).toBeNull();
  });
});
