import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../renderer/src/lib/i18n';
import { SetupWizard, stepOfField, WIZARD_STEPS } from '../../../renderer/src/staff/setup-wizard.svelte';

const t = MESSAGES.vi.staff;
const DEFAULTS = [
  { label: 'Báo cuộc gọi, tin nhắn lừa đảo', number: '156', confirmed: false, topic: 'lua-dao' as const },
  { label: 'Hỗ trợ ứng dụng VNeID', number: '1900 0368', confirmed: false, topic: 'vneid' as const },
];

/** A wizard filled in up to (not including) the admin screen. */
function filled(): SetupWizard {
  const wizard = new SetupWizard(DEFAULTS);
  wizard.next(t);
  wizard.site.name = 'Bộ phận một cửa xã Phù Đổng';
  wizard.site.kind = 'mot-cua';
  wizard.next(t);
  wizard.site.setProvince('01', 'Thành phố Hà Nội');
  wizard.site.setCommune('00541', 'Xã Phù Đổng');
  wizard.next(t);
  wizard.site.hamlets[0]!.name = 'Thôn Đổng Viên';
  wizard.next(t);
  for (const line of wizard.site.hotlines) line.confirmed = true;
  wizard.next(t);
  return wizard;
}

describe('SetupWizard', () => {
  it('names the screen of every field the core may refuse', () => {
    expect(stepOfField('site.name')).toBe('site');
    expect(stepOfField('site.kind')).toBe('site');
    expect(stepOfField('site.provinceCode')).toBe('place');
    expect(stepOfField('site.communeCode')).toBe('place');
    expect(stepOfField('site.hamlets')).toBe('hamlets');
    expect(stepOfField('site.hamlets.3')).toBe('hamlets');
    expect(stepOfField('site.hotlines.0.number')).toBe('hotlines');
    expect(stepOfField('admin.pin')).toBe('admin');
    expect(stepOfField('admin.name')).toBe('admin');
    expect(stepOfField('printer.uri')).toBe('printer');
    expect(stepOfField('idleSeconds')).toBe('prefs');
    expect(stepOfField('language')).toBe('prefs');
    expect(stepOfField('other')).toBe('review');
  });

  it('starts with the suggested hotlines, each still to be confirmed', () => {
    const wizard = new SetupWizard(DEFAULTS);
    expect(wizard.step).toBe('welcome');
    expect(wizard.site.hotlines.map((h) => [h.number, h.confirmed, h.topic])).toEqual([
      ['156', false, 'lua-dao'],
      ['1900 0368', false, 'vneid'],
    ]);
  });

  it('does not move on until a screen is complete, and names what is missing', () => {
    const wizard = new SetupWizard(DEFAULTS);
    wizard.next(t);
    expect(wizard.next(t)).toBe(false);
    expect(wizard.step).toBe('site');
    expect(wizard.errors).toEqual({ 'site.name': t.siteNameMissing, 'site.kind': t.siteKindMissing });
  });

  it('keeps everything when going back, and unconfirmed hotlines block the way', () => {
    const wizard = filled();
    expect(wizard.step).toBe('admin');
    wizard.back();
    wizard.back();
    wizard.back();
    expect(wizard.step).toBe('place');
    expect(wizard.site.communeName).toBe('Xã Phù Đổng');
    wizard.next(t);
    wizard.next(t);
    wizard.site.hotlines[1]!.confirmed = false;
    expect(wizard.next(t)).toBe(false);
    expect(wizard.errors).toEqual({ 'site.hotlines.1.confirmed': t.hotlineUnconfirmed });
    wizard.site.hotlines[1]!.confirmed = true;
    wizard.recheck(t);
    expect(wizard.errors).toEqual({});
  });

  it('refuses an easy admin PIN and builds the input the core expects', () => {
    const wizard = filled();
    wizard.adminName = 'Nguyễn Thị Lan';
    expect(wizard.setAdminPin('123456')).toBe(false);
    expect(wizard.next(t)).toBe(false);
    expect(wizard.setAdminPin('482915')).toBe(true);
    wizard.site.addHamlet();
    expect(wizard.next(t)).toBe(true);
    wizard.printer = { kind: 'tcp', address: '192.168.1.50', paperWidthMm: 58 };
    wizard.next(t);
    wizard.idleSeconds = 20;
    expect(wizard.next(t)).toBe(false);
    wizard.idleSeconds = 120;
    wizard.next(t);
    expect(wizard.step).toBe('review');
    expect(wizard.input()).toEqual({
      site: {
        name: 'Bộ phận một cửa xã Phù Đổng',
        kind: 'mot-cua',
        provinceCode: '01',
        communeCode: '00541',
        hamlets: ['Thôn Đổng Viên'],
        hotlines: DEFAULTS.map((h) => ({ ...h, confirmed: true })),
      },
      admin: { name: 'Nguyễn Thị Lan', pin: '482915' },
      printer: { uri: 'tcp://192.168.1.50:9100', paperWidthMm: 58 },
      idleSeconds: 120,
      language: 'vi',
    });
  });

  it('after a refusal shows the message and goes to the first screen with a named field', () => {
    const wizard = filled();
    wizard.go('review');
    wizard.refused({ code: 'INVALID_INPUT', message: 'Còn 2 mục chưa đúng, xin xem lại.', fields: { idleSeconds: 'Lớn quá.', 'site.hamlets': 'Trùng.' } });
    expect(wizard.step).toBe('hamlets');
    expect(wizard.refusal).toBe('Còn 2 mục chưa đúng, xin xem lại.');
    expect(wizard.errors['site.hamlets']).toBe('Trùng.');
    // Moving on re-checks this screen but keeps what the core said about later ones.
    wizard.next(t);
    expect(wizard.errors).toEqual({ idleSeconds: 'Lớn quá.' });
  });

  it('a refusal without fields stays on the review', () => {
    const wizard = filled();
    wizard.go('review');
    wizard.refused({ code: 'CONFLICT', message: 'Trạm đã được cài đặt.' });
    expect(wizard.step).toBe('review');
    expect(WIZARD_STEPS.at(-1)).toBe('review');
  });
});
