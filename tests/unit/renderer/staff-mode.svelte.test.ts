import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KioskApi, Result } from '../../../electron/api/types';
import { DRAFT_TTL_MS, STAFF_COUNTDOWN_MS, STAFF_IDLE_MS, StaffMode } from '../../../renderer/src/staff/staff-mode.svelte';

const ADMIN = { id: '7b1e9c1a-4a53-4c0e-9a57-3b2f1d7a0c11', name: 'Quản trị thử nghiệm', role: 'admin' as const };
const MEMBER = { id: '0f0c3a5e-2b4d-4e8f-9a1b-5c6d7e8f9a0b', name: 'Cán bộ Tổ công nghệ', role: 'member' as const };

/** A fake core: records sign-outs and whoami calls, answers whoami with `whoami`. */
function fakeApi(whoami: () => Result<unknown> = () => ({ ok: true, value: ADMIN })) {
  const calls: { signOut: string[]; whoami: number } = { signOut: [], whoami: 0 };
  const api = {
    staffSignOut: async ({ session }: { session: string }) => {
      calls.signOut.push(session);
      return { ok: true, value: { signedOut: true } };
    },
    staffWhoami: async () => {
      calls.whoami++;
      return whoami();
    },
  } as unknown as KioskApi;
  return { api, calls };
}

describe('StaffMode', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('opens on sign-in, goes home after signing in, or to "Đổi mã PIN" first with a one-time PIN', () => {
    const { api } = fakeApi();
    const staff = new StaffMode({ api, onclose: () => undefined });
    staff.enter();
    expect(staff.open).toBe(true);
    expect(staff.view).toEqual({ name: 'sign-in' });
    staff.signedIn({ session: 's1', staff: ADMIN, mustChangePin: true });
    expect(staff.view).toEqual({ name: 'change-pin', forced: true });
    expect(staff.isAdmin).toBe(true);
    staff.home();
    expect(staff.view).toEqual({ name: 'home' });
  });

  it('signs out and closes after 2 quiet minutes; a touch starts the 2 minutes over', () => {
    const { api, calls } = fakeApi();
    const onclose = vi.fn();
    const staff = new StaffMode({ api, onclose });
    staff.enter();
    staff.signedIn({ session: 's1', staff: ADMIN, mustChangePin: false });
    vi.advanceTimersByTime(STAFF_IDLE_MS - 1000);
    staff.activity();
    vi.advanceTimersByTime(STAFF_IDLE_MS - 1000);
    expect(onclose).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    expect(onclose).toHaveBeenCalledTimes(1);
    expect(staff.open).toBe(false);
    expect(staff.session).toBeNull();
    expect(calls.signOut).toEqual(['s1']);
  });

  it('asks "Cán bộ vẫn đang làm việc chứ?" for the last 30 seconds; an answer starts the 2 minutes over', () => {
    const { api } = fakeApi();
    const onclose = vi.fn();
    const staff = new StaffMode({ api, onclose });
    staff.enter();
    staff.signedIn({ session: 's1', staff: ADMIN, mustChangePin: false });
    vi.advanceTimersByTime(STAFF_IDLE_MS - STAFF_COUNTDOWN_MS - 1);
    expect(staff.idle.counting).toBe(false);
    vi.advanceTimersByTime(1);
    expect(staff.idle.counting).toBe(true);
    expect(staff.idle.secondsLeft).toBe(30);
    vi.advanceTimersByTime(20_000);
    expect(staff.idle.secondsLeft).toBe(10);
    staff.activity();
    expect(staff.idle.counting).toBe(false);
    vi.advanceTimersByTime(STAFF_IDLE_MS - 1000);
    expect(onclose).not.toHaveBeenCalled();
    expect(staff.idle.counting).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(onclose).toHaveBeenCalledTimes(1);
    expect(staff.idle.phase).toBe('off');
  });

  it('a sign-in screen left alone closes too, with nobody to sign out', () => {
    const { api, calls } = fakeApi();
    const onclose = vi.fn();
    const staff = new StaffMode({ api, onclose });
    staff.enter();
    vi.advanceTimersByTime(STAFF_IDLE_MS);
    expect(onclose).toHaveBeenCalledTimes(1);
    expect(calls.signOut).toEqual([]);
  });

  it('keeps a long form\'s session alive with an occasional whoami while staff keep touching', () => {
    const { api, calls } = fakeApi();
    const staff = new StaffMode({ api, onclose: () => undefined });
    staff.enter();
    staff.signedIn({ session: 's1', staff: ADMIN, mustChangePin: false });
    staff.activity();
    expect(calls.whoami).toBe(0);
    vi.advanceTimersByTime(50_000);
    staff.activity();
    expect(calls.whoami).toBe(1);
    staff.activity();
    expect(calls.whoami).toBe(1);
  });

  it('an ended session sends staff back to sign-in with the core\'s message; a wrong current PIN does not', async () => {
    const { api } = fakeApi();
    const staff = new StaffMode({ api, onclose: () => undefined });
    staff.enter();
    staff.signedIn({ session: 's1', staff: ADMIN, mustChangePin: false });
    const wrongPin = await staff.call(async () => ({
      ok: false as const,
      error: { code: 'UNAUTHORIZED' as const, message: 'Mã PIN hiện tại chưa đúng.', fields: { currentPin: 'Mã PIN hiện tại chưa đúng.' } },
    }));
    expect(wrongPin.ok).toBe(false);
    expect(staff.view).toEqual({ name: 'home' });
    await staff.call(async () => ({ ok: false as const, error: { code: 'UNAUTHORIZED' as const, message: 'Phiên làm việc của cán bộ đã hết. Xin đăng nhập lại.' } }));
    expect(staff.view).toEqual({ name: 'sign-in' });
    expect(staff.session).toBeNull();
    expect(staff.notice).toBe('Phiên làm việc của cán bộ đã hết. Xin đăng nhập lại.');
    const none = await staff.call(async () => ({ ok: true as const, value: 1 }));
    expect(none.ok).toBe(false);
  });

  it('the citizen reset signs staff out; "Đăng xuất" keeps staff mode open on the list', () => {
    const { api, calls } = fakeApi();
    const staff = new StaffMode({ api, onclose: () => undefined });
    staff.enter();
    staff.signedIn({ session: 's1', staff: ADMIN, mustChangePin: false });
    staff.signOut();
    expect(staff.open).toBe(true);
    expect(staff.view).toEqual({ name: 'sign-in' });
    staff.signedIn({ session: 's2', staff: ADMIN, mustChangePin: false });
    staff.citizenReset();
    expect(staff.session).toBeNull();
    expect(calls.signOut).toEqual(['s1', 's2']);
  });

  it('keeps a half-filled form for its member when staff mode closes by itself, and only for them', async () => {
    const { api } = fakeApi();
    const staff = new StaffMode({ api, onclose: () => undefined });
    staff.enter();
    staff.signedIn({ session: 's1', staff: MEMBER, mustChangePin: false });
    const form = { fullName: 'Nguyễn Thị Ánh', birthYear: '1958' };
    staff.keepDraft('add-person', form);
    form.fullName = 'changed after keeping';
    vi.advanceTimersByTime(STAFF_IDLE_MS);
    expect(staff.open).toBe(false);

    // Somebody else signs in: not theirs to see, and nothing they do throws it away.
    staff.enter();
    staff.signedIn({ session: 's2', staff: ADMIN, mustChangePin: false });
    expect(staff.draft('add-person')).toBeNull();
    staff.dropDraft();
    staff.signOut();

    staff.signedIn({ session: 's3', staff: MEMBER, mustChangePin: false });
    expect(staff.draft('add-person')?.data).toEqual({ fullName: 'Nguyễn Thị Ánh', birthYear: '1958' });
    expect(staff.draft('edit-person')).toBeNull();
    // The core ending the session keeps it too.
    await staff.call(async () => ({ ok: false as const, error: { code: 'UNAUTHORIZED' as const, message: 'Phiên làm việc của cán bộ đã hết. Xin đăng nhập lại.' } }));
    expect(staff.view).toEqual({ name: 'sign-in' });
    staff.signedIn({ session: 's4', staff: MEMBER, mustChangePin: false });
    expect(staff.draft('add-person')?.data).toMatchObject({ fullName: 'Nguyễn Thị Ánh' });
    staff.dropDraft();
    expect(staff.draft('add-person')).toBeNull();
  });

  it('drops the draft when its member signs out or leaves by hand, and after 30 quiet minutes', () => {
    const { api } = fakeApi();
    const staff = new StaffMode({ api, onclose: () => undefined });
    staff.enter();
    staff.signedIn({ session: 's1', staff: MEMBER, mustChangePin: false });
    staff.keepDraft('add-person', { fullName: 'Nguyễn Thị Ánh' });
    staff.signOut();
    staff.signedIn({ session: 's2', staff: MEMBER, mustChangePin: false });
    expect(staff.draft('add-person')).toBeNull();

    staff.keepDraft('add-person', { fullName: 'Nguyễn Thị Ánh' });
    staff.leave();
    staff.enter();
    staff.signedIn({ session: 's3', staff: MEMBER, mustChangePin: false });
    expect(staff.draft('add-person')).toBeNull();

    staff.keepDraft('add-person', { fullName: 'Nguyễn Thị Ánh' });
    vi.advanceTimersByTime(STAFF_IDLE_MS);
    vi.advanceTimersByTime(DRAFT_TTL_MS - STAFF_IDLE_MS - 1);
    staff.enter();
    staff.signedIn({ session: 's4', staff: MEMBER, mustChangePin: false });
    expect(staff.hasDraft()).toBe(true);
    vi.advanceTimersByTime(1);
    expect(staff.hasDraft()).toBe(false);
    expect(staff.draft('add-person')).toBeNull();
  });
});
