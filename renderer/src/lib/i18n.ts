import type { Settings, SkillKey } from '../../../electron/api/types';

/** A language the citizen side can show. */
export type Language = Settings['language'];

/** The words for one skill. */
export interface SkillText {
  /** The skill's name, as on its tile and heading. */
  name: string;
  /** One plain line under the name on the home tile. */
  short: string;
  /** Two plain sentences for the attract screen. */
  long: string;
}

/** One slide of the attract loop (the five skill slides are built from {@link SkillText}). */
export interface SlideText {
  kicker: string;
  title: string;
  body: string;
}

const vi = {
  appName: 'Trạm Kỹ Năng Số',
  touchToStart: 'Chạm vào màn hình để bắt đầu',
  slideWelcome: {
    kicker: 'Xin chào bác/anh/chị',
    title: 'Tập dùng điện thoại và máy tính cho việc hằng ngày',
    body: 'Từng bước một, chậm rãi, có hình minh họa. Cần giúp, bác/anh/chị cứ hỏi cán bộ tại quầy.',
  } satisfies SlideText,
  slideGoal: {
    kicker: 'Mục tiêu chung',
    title: 'Mỗi hộ gia đình có ít nhất 01 người thành thạo 05 kỹ năng số cơ bản',
    body: 'Nhà mình có một người biết làm là cả nhà được giúp: làm giấy tờ, trả tiền, tránh bị lừa.',
  } satisfies SlideText,
  slideSafe: {
    kicker: 'Yên tâm thực hành',
    title: 'Mọi màn hình ở đây chỉ là mô phỏng',
    body: 'Không có thông tin nào của bác/anh/chị bị gửi đi đâu. Bấm sai cũng không sao, thử lại là được.',
  } satisfies SlideText,
  skillKicker: (n: number) => `Kỹ năng số ${n} trong 5`,
  slideCount: (n: number, total: number) => `Trang giới thiệu ${n} trên ${total}`,

  homeHeading: 'Bác/anh/chị muốn học kỹ năng nào?',
  homeHint: 'Chạm vào một ô để xem các bài thực hành.',
  skillsListLabel: '5 kỹ năng số cơ bản',
  languageLabel: 'Ngôn ngữ',
  largeText: 'Chữ to',
  finish: 'Kết thúc',
  back: 'Quay lại',
  home: 'Về trang đầu',
  openSkill: 'Xem bài',
  goalLine: 'Mục tiêu: mỗi hộ gia đình có ít nhất 01 người thành thạo 05 kỹ năng số cơ bản.',

  skills: {
    'dich-vu-cong': {
      name: 'Dịch vụ công trực tuyến',
      short: 'Làm thủ tục, nộp hồ sơ qua mạng',
      long: 'Nộp hồ sơ, làm giấy tờ ngay trên điện thoại hay máy tính. Đỡ phải đi lại, biết rõ hồ sơ đang ở đâu.',
    },
    'mua-sam': {
      name: 'Mua sắm trực tuyến',
      short: 'Đặt mua hàng qua mạng an toàn',
      long: 'Đặt mua hàng qua mạng, xem kỹ người bán và chọn cách trả tiền an toàn.',
    },
    'thanh-toan': {
      name: 'Thanh toán trực tuyến',
      short: 'Trả tiền điện, nước, chuyển tiền',
      long: 'Trả tiền điện, nước, học phí hay chuyển tiền bằng điện thoại, không cần tiền mặt.',
    },
    'an-toan': {
      name: 'Tự bảo vệ mình trên không gian mạng',
      short: 'Giữ kín mật khẩu, tránh lừa đảo',
      long: 'Không đưa mật khẩu, mã xác thực (OTP) cho ai. Tỉnh táo trước tin nhắn, cuộc gọi lạ.',
    },
    'nen-tang-so': {
      name: 'Sử dụng nền tảng số khác',
      short: 'VNeID, chữ ký số, sổ sức khỏe điện tử',
      long: 'Định danh điện tử VNeID, chữ ký số, VssID (bảo hiểm xã hội), sổ sức khỏe điện tử…',
    },
  } satisfies Record<SkillKey, SkillText>,

  loadingDemos: 'Đang mở danh sách bài…',
  demoCount: (n: number) => `${n} bài thực hành`,
  demoListLabel: 'Các bài thực hành',
  demoPlayerSoon:
    'Phần tập từng bước trên màn hình này sắp có. Trong lúc chờ, bác/anh/chị nhờ cán bộ tại quầy hướng dẫn bài mình muốn học nhé.',
  deviceLabel: { phone: 'Trên điện thoại', desktop: 'Trên máy tính' },
  aboutMinutes: (n: number) => `khoảng ${n} phút`,
  emptyTitle: 'Chưa có bài thực hành cho kỹ năng này.',
  emptyBody: 'Bác/anh/chị vui lòng hỏi cán bộ tại quầy nhé.',
  chooseOtherSkill: 'Chọn kỹ năng khác',
  errorTitle: 'Chưa mở được danh sách bài',
  errorNext: 'Bác/anh/chị bấm "Thử lại". Nếu vẫn chưa được, xin nhờ cán bộ tại quầy.',
  retry: 'Thử lại',
  pagePrevious: 'Trang trước',
  pageNext: 'Trang sau',
  pageOf: (n: number, total: number) => `Trang ${n}/${total}`,

  idleTitle: 'Bác/anh/chị vẫn đang dùng chứ?',
  idleBody: 'Nếu không, trạm sẽ tự quay về màn hình chờ sau',
  idleSeconds: 'giây',
  idleStay: 'Tôi vẫn đang dùng',
};

/** Every user-facing string, Vietnamese shape; English must provide each key. */
export type Messages = typeof vi;

const en: Messages = {
  appName: 'Digital Skills Station',
  touchToStart: 'Touch the screen to start',
  slideWelcome: {
    kicker: 'Welcome',
    title: 'Practise using phones and computers for everyday tasks',
    body: 'One step at a time, slowly, with pictures. If you need help, please ask the staff at the counter.',
  },
  slideGoal: {
    kicker: 'Our shared goal',
    title: 'Every household has at least 1 person skilled in the 5 basic digital skills',
    body: 'When one person at home knows how, the whole family benefits: paperwork, payments, avoiding scams.',
  },
  slideSafe: {
    kicker: 'Practise without worry',
    title: 'Every screen here is only a simulation',
    body: 'None of your information is sent anywhere. A wrong touch is fine, just try again.',
  },
  skillKicker: (n) => `Digital skill ${n} of 5`,
  slideCount: (n, total) => `Introduction page ${n} of ${total}`,

  homeHeading: 'Which skill would you like to learn?',
  homeHint: 'Touch a tile to see its practice lessons.',
  skillsListLabel: 'The 5 basic digital skills',
  languageLabel: 'Language',
  largeText: 'Larger text',
  finish: 'Finish',
  back: 'Back',
  home: 'Home',
  openSkill: 'See lessons',
  goalLine: 'Our goal: every household has at least 1 person skilled in the 5 basic digital skills.',

  skills: {
    'dich-vu-cong': {
      name: 'Online public services',
      short: 'Apply and file papers online',
      long: 'Submit applications and paperwork from a phone or computer. Fewer trips, and you can see where your file is.',
    },
    'mua-sam': {
      name: 'Online shopping',
      short: 'Order goods online safely',
      long: 'Order goods online, check the seller carefully and choose a safe way to pay.',
    },
    'thanh-toan': {
      name: 'Online payments',
      short: 'Pay bills, send money',
      long: 'Pay for electricity, water or school fees, or send money by phone, without cash.',
    },
    'an-toan': {
      name: 'Staying safe online',
      short: 'Keep passwords secret, avoid scams',
      long: 'Never give anyone your password or verification code (OTP). Be careful with strange messages and calls.',
    },
    'nen-tang-so': {
      name: 'Other digital platforms',
      short: 'VNeID, digital signatures, health records',
      long: 'VNeID electronic identity, digital signatures, VssID (social insurance), electronic health book…',
    },
  },

  loadingDemos: 'Opening the list of lessons…',
  demoCount: (n) => (n === 1 ? '1 practice lesson' : `${n} practice lessons`),
  demoListLabel: 'Practice lessons',
  demoPlayerSoon:
    'Step-by-step practice on this screen is coming soon. Meanwhile, please ask the staff at the counter to guide you through the lesson you want.',
  deviceLabel: { phone: 'On a phone', desktop: 'On a computer' },
  aboutMinutes: (n) => (n === 1 ? 'about 1 minute' : `about ${n} minutes`),
  emptyTitle: 'There are no practice lessons for this skill yet.',
  emptyBody: 'Please ask the staff at the counter.',
  chooseOtherSkill: 'Choose another skill',
  errorTitle: 'The list of lessons could not be opened',
  errorNext: 'Please touch "Try again". If it still does not work, please ask the staff at the counter.',
  retry: 'Try again',
  pagePrevious: 'Previous page',
  pageNext: 'Next page',
  pageOf: (n, total) => `Page ${n} of ${total}`,

  idleTitle: 'Are you still there?',
  idleBody: 'If not, the station will go back to the welcome screen in',
  idleSeconds: 'seconds',
  idleStay: "I'm still here",
};

/** All messages, Vietnamese first. */
export const MESSAGES: Record<Language, Messages> = { vi, en };

/** The languages offered on the citizen side, each named in its own language. */
export const LANGUAGES: readonly { code: Language; name: string }[] = [
  { code: 'vi', name: 'Tiếng Việt' },
  { code: 'en', name: 'English' },
];

/** The messages for `language`. */
export function messagesFor(language: Language): Messages {
  return MESSAGES[language];
}

/** Vietnamese-style number: 10.000.000 (English: 10,000,000). */
export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB').format(value);
}

/** Vietnamese-style date 29/11/2026 (used in both languages, as on Vietnamese paperwork). */
export function formatDate(date: Date): string {
  const dd = String(date.getDate()).padStart(2, '0');
  const mm = String(date.getMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${date.getFullYear()}`;
}
