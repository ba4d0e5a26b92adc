/** A small valid demo for tests: three steps (tap, type, info) and a card. */
export function sampleDemo(
  id: string,
  options: { skill?: string; title?: string; titleEn?: string; summary?: string; device?: 'phone' | 'desktop'; minutes?: number } = {},
): Record<string, unknown> {
  return {
    id,
    skill: options.skill ?? 'an-toan',
    title: options.titleEn ? { vi: options.title ?? 'Bài thử', en: options.titleEn } : { vi: options.title ?? 'Bài thử' },
    summary: { vi: options.summary ?? 'Một bài ngắn để kiểm thử.' },
    device: options.device ?? 'phone',
    minutes: options.minutes ?? 3,
    steps: [
      {
        id: 'mo-ung-dung',
        screen: { widgets: [{ type: 'appbar', title: { vi: 'Điện thoại' } }, { id: 'mo', type: 'button', label: { vi: 'Mở ứng dụng' } }] },
        instruction: { vi: 'Bác chạm vào nút "Mở ứng dụng".' },
        target: { action: 'tap', widget: 'mo' },
      },
      {
        id: 'nhap-ten',
        screen: { widgets: [{ type: 'heading', text: { vi: 'Đăng nhập' } }, { id: 'ten', type: 'input', label: { vi: 'Số điện thoại' }, inputType: 'tel' }] },
        instruction: { vi: 'Bác nhập số điện thoại.' },
        target: { action: 'type', widget: 'ten', value: '0912345678' },
      },
      {
        id: 'xong',
        screen: { widgets: [{ type: 'alert', tone: 'success', text: { vi: 'Đã xong.' } }] },
        instruction: { vi: 'Bác đã làm xong.' },
        target: { action: 'info' },
      },
    ],
    card: {
      title: { vi: options.title ?? 'Bài thử' },
      steps: [{ vi: 'Mở ứng dụng.' }, { vi: 'Nhập số điện thoại.' }],
      officialUrl: 'https://dichvucong.gov.vn',
      safetyNotes: [{ vi: 'Không đưa mã OTP cho ai.' }],
      hotlineTopics: ['lua-dao'],
    },
  };
}
