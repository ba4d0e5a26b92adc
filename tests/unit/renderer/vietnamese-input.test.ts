import { describe, expect, it } from 'vitest';
import { applyKey, typeKeys } from '../../../renderer/src/keyboard/vietnamese-input';
import { keysForWord } from '../../support/telex';

/** 120 words and names a kiosk user types, with the tricky ones the issue names. */
const WORDS = `người khuỷu giường thuở quốc Nguyễn Huỳnh Niê Việt Nam hòa thủy đường rượu muốn tiến yến
mưa cứu ngoài khuya hoàn toán quý giá gì gìn quà qua của cửa nữa những được đẹp nghiêng nghĩa
thưởng khiếm khuyết luật huyện huấn xuất chuyển khoản ngân hàng điện thoại mật khẩu xác thực
định danh công dân thường trú tạm trú khai sinh bảo hiểm y tế sức khỏe chữ ký số lừa đảo cảnh giác
mua sắm thanh toán trực tuyến dịch vụ hồ sơ thủ tục Trần Thị Ngọc Ánh Phạm Văn Đức Lê Hoàng Yến
Đặng Thùy Dương Võ Quốc Việt Bùi Thị Thủy Hồ Xuân Hương Ngô Bảo Châu Dương Quá Trương Ưng Ông Ấu
ấp thôn xóm bản làng phường xã tỉnh thành phố đặc khu ươm ưu ướt uống oẳn khuỵu quăng quặp`
  .split(/\s+/)
  .filter(Boolean);

/** How a person types `word`: letters with their shape keys, the tone key at the end. */
const keysFor = keysForWord;

describe('Vietnamese typing', () => {
  it('has a table of at least 100 words', () => {
    expect(WORDS.length).toBeGreaterThanOrEqual(100);
  });

  it.each(WORDS)('Telex types %s', (word) => {
    expect(typeKeys('', keysFor(word, 'telex'), 'telex')).toBe(word.normalize('NFC'));
  });

  it.each(WORDS)('VNI types %s', (word) => {
    expect(typeKeys('', keysFor(word, 'vni'), 'vni')).toBe(word.normalize('NFC'));
  });

  it.each([
    ['nguowif', 'người'],
    ['nguoiwf', 'người'],
    ['nguwowif', 'người'],
    ['thuowr', 'thuở'],
    ['khuyur', 'khuỷu'],
    ['khuyru', 'khuỷu'],
    ['hoaf', 'hòa'],
    ['hoafn', 'hoàn'],
    ['quoocs', 'quốc'],
    ['Nguyeenx', 'Nguyễn'],
    ["H'Hen Niee", "H'Hen Niê"],
    ['wf', 'ừ'],
    ['Ddawngj', 'Đặng'],
  ])('Telex: typing in another order, %s → %s', (keys, expected) => {
    expect(typeKeys('', keys, 'telex')).toBe(expected);
  });

  it.each([
    ['ass', 'as'],
    ['aaa', 'aa'],
    ['ddd', 'dd'],
    ['aww', 'aw'],
    ['uww', 'uw'],
    ['hoaff', 'hoaf'],
    ['toansz', 'toan'],
  ])('Telex: repeating a key undoes it, %s → %s', (keys, expected) => {
    expect(typeKeys('', keys, 'telex')).toBe(expected);
  });

  it.each([
    ['nguoi72', 'người'],
    ['d9uo7ng2', 'đường'],
    ['a11', 'a1'],
    ['Vie65t Nam', 'Việt Nam'],
  ])('VNI: %s → %s', (keys, expected) => {
    expect(typeKeys('', keys, 'vni')).toBe(expected);
  });

  it('leaves digits and words without vowels alone', () => {
    expect(typeKeys('', '0912 345 678', 'telex')).toBe('0912 345 678');
    expect(typeKeys('', 'sms', 'telex')).toBe('sms');
    expect(typeKeys('', '156', 'vni')).toBe('156');
  });

  it('composes only the last word, so earlier words stay as typed', () => {
    expect(typeKeys('Xin chào ', 'baacs', 'telex')).toBe('Xin chào bấc');
  });

  it('types keys as they are in plain mode', () => {
    expect(typeKeys('', 'nguowif', 'plain')).toBe('nguowif');
    expect(applyKey('a', 's', 'plain')).toBe('as');
  });

  it('always produces NFC', () => {
    for (const word of WORDS) {
      const typed = typeKeys('', keysFor(word, 'telex'), 'telex');
      expect(typed).toBe(typed.normalize('NFC'));
    }
  });
});
