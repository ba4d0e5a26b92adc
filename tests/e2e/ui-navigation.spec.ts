import { test, expect, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freshDataDir, startShell, type RunningShell } from './support/shell';
import { sampleDemo } from '../support/demo-fixture';

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
] as const;

const SKILLS = [
  { key: 'dich-vu-cong', name: 'Dịch vụ công trực tuyến' },
  { key: 'mua-sam', name: 'Mua sắm trực tuyến' },
  { key: 'thanh-toan', name: 'Thanh toán trực tuyến' },
  { key: 'an-toan', name: 'Tự bảo vệ mình trên không gian mạng' },
  { key: 'nen-tang-so', name: 'Sử dụng nền tảng số khác' },
] as const;

const EMPTY_TEXT = 'Chưa có bài thực hành cho kỹ năng này.';

/** Every problem that would make a citizen screen scroll or hide part of itself. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const name = (el: Element): string =>
      `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollHeight > window.innerHeight + 1) problems.push(`page scrolls: ${root.scrollHeight} > ${window.innerHeight}`);
    if (root.scrollWidth > window.innerWidth + 1) problems.push(`page scrolls sideways: ${root.scrollWidth} > ${window.innerWidth}`);
    for (const el of document.querySelectorAll<HTMLElement>('main *')) {
      if (el.closest('.visually-hidden')) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.bottom > window.innerHeight + 1 || box.right > window.innerWidth + 1) problems.push(`${name(el)} goes off screen`);
      // Content spilling out of its box overlaps whatever comes next, which scrolling checks cannot see.
      const parent = el.parentElement;
      if (parent && parent.tagName !== 'MAIN' && style.position !== 'fixed') {
        const outer = parent.getBoundingClientRect();
        if (box.bottom > outer.bottom + 1 || box.right > outer.right + 1 || box.top < outer.top - 1 || box.left < outer.left - 1) {
          problems.push(`${name(el)} spills out of ${name(parent)}`);
        }
      }
      const clips = style.overflowY !== 'visible' || style.overflowX !== 'visible';
      if (clips && style.webkitLineClamp === 'none' && el instanceof HTMLElement) {
        if (el.scrollHeight > el.clientHeight + 1) problems.push(`${name(el)} cut off at the bottom`);
        if (el.scrollWidth > el.clientWidth + 1) problems.push(`${name(el)} cut off at the side`);
      }
    }
    // Boxes laid out side by side must not overlap one another.
    for (const parent of document.querySelectorAll<HTMLElement>('main, main *')) {
      const kids = [...parent.children].filter((el) => {
        const style = getComputedStyle(el);
        return el instanceof HTMLElement && style.position !== 'absolute' && style.position !== 'fixed' && style.display !== 'none' && !el.classList.contains('visually-hidden');
      });
      const boxes = kids.map((el) => ({ el, box: el.getBoundingClientRect() })).filter(({ box }) => box.width > 0 && box.height > 0);
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          const overlapX = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
          const overlapY = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
          if (overlapX > 1 && overlapY > 1) problems.push(`${name(a.el)} overlaps ${name(b.el)}`);
        }
      }
    }
    return problems;
  });
}

/** Touch targets smaller than 64px high or closer than 8px to each other. */
async function touchTargetProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const buttons = [...document.querySelectorAll<HTMLElement>('main button')].filter((b) => getComputedStyle(b).visibility !== 'hidden' && b.getClientRects().length > 0 && !b.closest('[inert]'));
    const boxes = buttons.map((b) => ({ name: (b.textContent ?? '').trim().slice(0, 30), box: b.getBoundingClientRect() }));
    for (const { name, box } of boxes) if (box.height < 63.5) problems.push(`"${name}" is ${box.height}px high`);
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const apart = Math.max(b.box.left - a.box.right, a.box.left - b.box.right, b.box.top - a.box.bottom, a.box.top - b.box.bottom);
        if (apart < 7.5) problems.push(`"${a.name}" and "${b.name}" are ${apart}px apart`);
      }
    }
    return problems;
  });
}

/** At both kiosk sizes: checks the screen fits without scrolling, then saves test-results/screens/<name>-<w>x<h>.png. */
async function captureAtBothSizes(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.evaluate(() => new Promise(requestAnimationFrame));
    await page.evaluate(() => document.fonts.ready);
    expect(await layoutProblems(page), `${name} at ${size.width}×${size.height}`).toEqual([]);
    expect(await touchTargetProblems(page), `${name} at ${size.width}×${size.height}`).toEqual([]);
    await page.screenshot({ path: `test-results/screens/${name}-${size.width}x${size.height}.png`, animations: 'disabled' });
  }
  await page.setViewportSize(SIZES[0]);
}

async function openAttract(page: Page, url = '/'): Promise<void> {
  await page.goto(url);
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'attract');
}

function writeDemo(dataDir: string, demo: { id: string; skill: string; title: string; summary: string; device: 'phone' | 'desktop'; minutes: number; en?: string }): void {
  const file = path.join(dataDir, 'content', 'test-pack', 'demos', `${demo.id}.json`);
  const body = sampleDemo(demo.id, { skill: demo.skill, title: demo.title, ...(demo.en ? { titleEn: demo.en } : {}), summary: demo.summary, device: demo.device, minutes: demo.minutes });
  writeFileSync(file, JSON.stringify(body));
}

/** Runs first-run setup over the API: until a kiosk is set up, it lists no demos to citizens. */
async function completeSetup(shell: RunningShell): Promise<void> {
  const call = async (channel: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { message: string } }> => {
    const response = await fetch(new URL(`api/${channel}`, shell.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kiosk-token': shell.token },
      body: JSON.stringify(input),
    });
    return (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  };
  const communes = await call('geo:communes', { provinceCode: '01' });
  const commune = (communes.value as { code: string }[] | undefined)?.[0];
  if (!commune) throw new Error('no commune to set up with');
  const done = await call('setup:complete', {
    site: { name: 'Điểm thử giao diện', kind: 'mot-cua', provinceCode: '01', communeCode: commune.code, hamlets: ['Thôn Một'], hotlines: [] },
    admin: { name: 'Cán bộ thử', pin: '482915' },
    printer: null,
    idleSeconds: 90,
    language: 'vi',
  });
  if (!done.ok) throw new Error(`setup failed: ${done.error?.message}`);
}

test('attract → home → every skill → back, with screenshots', async ({ page }) => {
  await openAttract(page);
  await expect(page.getByRole('button', { name: 'Chạm vào màn hình để bắt đầu' })).toBeVisible();
  await captureAtBothSizes(page, 'attract');

  await page.getByRole('heading', { level: 1 }).click();
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'home');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bác/anh/chị muốn học kỹ năng nào?');
  await captureAtBothSizes(page, 'home');

  for (const [i, skill] of SKILLS.entries()) {
    await page.getByRole('button', { name: new RegExp(skill.name) }).click();
    await expect(page.locator('main')).toHaveAttribute('data-screen', 'skill');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(skill.name);
    // The built-in pack has practice for every skill.
    await expect(page.getByTestId('demo-card').first()).toBeVisible();
    if (i === 0) await captureAtBothSizes(page, 'skill-list');
    // Alternate the two ways back so each is exercised.
    const way = ['Quay lại', 'Về trang đầu'][i % 2] ?? 'Quay lại';
    await page.getByRole('button', { name: way }).click();
    await expect(page.locator('main')).toHaveAttribute('data-screen', 'home');
  }

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Which skill would you like to learn?');
  await captureAtBothSizes(page, 'home-en');
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();

  await page.getByRole('button', { name: 'Chữ to' }).click();
  await expect(page.getByRole('button', { name: 'Chữ to' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveCSS('font-size', '30px');
  await captureAtBothSizes(page, 'home-large');
  await page.getByRole('button', { name: new RegExp(SKILLS[3].name) }).click();
  await captureAtBothSizes(page, 'skill-list-large');
  await page.getByRole('button', { name: 'Quay lại' }).click();

  await page.getByRole('button', { name: 'Kết thúc' }).click();
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'attract');
  await expect(page.locator('html')).toHaveCSS('font-size', '24px');
});

test('a skill without any demo says so kindly, with a way on', async ({ page }) => {
  // A kiosk whose staff turned the built-in pack off.
  const dataDir = freshDataDir({ disabledPacks: ['co-ban'] });
  const shell = await startShell({ dataDir, seeded: true });
  try {
    await openAttract(page, shell.url);
    await page.getByRole('heading', { level: 1 }).click();
    for (const [i, skill] of SKILLS.entries()) {
      await page.getByRole('button', { name: new RegExp(skill.name) }).click();
      await expect(page.getByText(EMPTY_TEXT)).toBeVisible();
      await expect(page.getByText('Bác/anh/chị vui lòng hỏi cán bộ tại quầy nhé.')).toBeVisible();
      if (i === 0) await captureAtBothSizes(page, 'skill-empty');
      await page.getByRole('button', { name: ['Quay lại', 'Về trang đầu', 'Chọn kỹ năng khác'][i % 3]! }).click();
      await expect(page.locator('main')).toHaveAttribute('data-screen', 'home');
    }
    await page.getByRole('button', { name: 'Chữ to' }).click();
    await page.getByRole('button', { name: new RegExp(SKILLS[3].name) }).click();
    await captureAtBothSizes(page, 'skill-empty-large');
  } finally {
    await shell.stop();
  }
});

test('a key press on the attract screen also starts', async ({ page }) => {
  await openAttract(page);
  await page.keyboard.press('Space');
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'home');
});

test('demos from a content pack are listed under their own skill', async ({ page }) => {
  const dataDir = freshDataDir({ disabledPacks: ['co-ban'] });
  mkdirSync(path.join(dataDir, 'content', 'test-pack', 'demos'), { recursive: true });
  writeFileSync(
    path.join(dataDir, 'content', 'test-pack', 'pack.json'),
    JSON.stringify({ id: 'test-pack', version: '1.0.0', title: { vi: 'Gói thử nghiệm giao diện' } }),
  );
  const dvc = [
    ['vneid-muc-hai', 'Kích hoạt tài khoản định danh điện tử mức 2', 'Nhập số định danh, số điện thoại, mã xác thực (OTP) rồi đặt mật khẩu và mã số bí mật.', 'phone', 8],
    ['dang-nhap-dvc-qr', 'Đăng nhập Cổng dịch vụ công bằng mã QR', 'Mở trang dịch vụ công trên máy tính, chọn đăng nhập bằng tài khoản định danh và quét mã QR.', 'desktop', 5],
    ['khai-sinh-qua-mang', 'Làm giấy khai sinh cho con qua mạng', 'Một lần nộp được cả khai sinh, thường trú và thẻ bảo hiểm y tế cho trẻ dưới 6 tuổi.', 'desktop', 12],
    ['dang-ky-thuong-tru', 'Đăng ký thường trú trên ứng dụng', 'Chọn thủ tục, điền tờ khai, đính kèm giấy tờ rồi theo dõi hồ sơ.', 'phone', 10],
    ['phieu-ly-lich', 'Xin phiếu lý lịch tư pháp', 'Điền tờ khai, xác nhận bằng mã số bí mật và tải phiếu điện tử về máy.', 'phone', 7],
  ] as const;
  for (const [id, title, summary, device, minutes] of dvc) writeDemo(dataDir, { id, skill: 'dich-vu-cong', title, summary, device, minutes });
  writeDemo(dataDir, {
    id: 'nhan-biet-lua-dao',
    skill: 'an-toan',
    title: 'Nhận biết tin nhắn lừa đảo',
    en: 'Spotting scam messages',
    summary: 'Xem một tin nhắn giả mạo ngân hàng và tìm dấu hiệu đáng ngờ.',
    device: 'phone',
    minutes: 1,
  });

  const shell = await startShell({ dataDir });
  try {
    await completeSetup(shell);
    await openAttract(page, shell.url);
    await page.getByRole('heading', { level: 1 }).click();

    await page.getByRole('button', { name: /Tự bảo vệ mình trên không gian mạng/ }).click();
    const cards = page.getByTestId('demo-card');
    await expect(cards).toHaveCount(1);
    await expect(cards.first()).toContainText('Nhận biết tin nhắn lừa đảo');
    await expect(cards.first()).toContainText('Trên điện thoại');
    await expect(cards.first()).toContainText('khoảng 1 phút');
    await expect(page.getByText('1 bài thực hành')).toBeVisible();
    await page.getByRole('button', { name: 'Quay lại' }).click();

    await page.getByRole('button', { name: /Mua sắm trực tuyến/ }).click();
    await expect(page.getByText(EMPTY_TEXT)).toBeVisible();
    await page.getByRole('button', { name: 'Quay lại' }).click();

    await page.getByRole('button', { name: /Dịch vụ công trực tuyến/ }).click();
    await expect(page.getByText('5 bài thực hành')).toBeVisible();
    await expect(page.getByText('Đăng ký thường trú trên ứng dụng', { exact: true })).toBeVisible();
    await expect(page.getByTestId('demo-card').filter({ hasText: 'Đăng nhập Cổng dịch vụ công bằng mã QR' })).toContainText('Trên máy tính');
    await expect(page.getByTestId('demo-card').filter({ hasText: 'Nhận biết tin nhắn lừa đảo' })).toHaveCount(0);
    await captureAtBothSizes(page, 'skill-demos');

    // All five are reachable page by page, without scrolling. The pager re-flows on resize, so settle first and start at page 1.
    await page.evaluate(() => new Promise(requestAnimationFrame));
    const pager = page.locator('.pager p');
    const previous = page.getByRole('button', { name: 'Trang trước' });
    while ((await previous.isVisible()) && (await previous.isEnabled())) await previous.click();
    const seen = new Set<string>();
    for (let guard = 0; guard < 6; guard++) {
      for (const id of await page.getByTestId('demo-card').evaluateAll((els) => els.map((el) => el.getAttribute('data-demo-id') ?? ''))) seen.add(id);
      const next = page.getByRole('button', { name: 'Trang sau' });
      if (!(await next.isVisible()) || !(await next.isEnabled())) break;
      const before = (await pager.textContent()) ?? '';
      await next.click();
      await expect(pager).not.toHaveText(before);
    }
    expect([...seen].sort()).toEqual(dvc.map(([id]) => id).sort());

    await page.getByRole('button', { name: 'Về trang đầu' }).click();
    await page.getByRole('button', { name: 'Chữ to' }).click();
    await page.getByRole('button', { name: /Dịch vụ công trực tuyến/ }).click();
    await captureAtBothSizes(page, 'skill-demos-large');
  } finally {
    await shell.stop();
  }
});

test('a failed list says what happened, and "Thử lại" tries again', async ({ page }) => {
  await openAttract(page);
  await page.getByRole('heading', { level: 1 }).click();
  await page.route('**/api/content:list', (route) =>
    route.fulfill({ json: { ok: false, error: { code: 'STORAGE', message: 'Không đọc được dữ liệu bài học trên máy này.' } } }),
  );
  await page.getByRole('button', { name: /Mua sắm trực tuyến/ }).click();
  await expect(page.getByRole('alert')).toContainText('Không đọc được dữ liệu bài học trên máy này.');
  await captureAtBothSizes(page, 'skill-error');
  await page.unroute('**/api/content:list');
  await page.getByRole('button', { name: 'Thử lại' }).click();
  await expect(page.getByTestId('demo-card').first()).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('the idle countdown screen', async ({ page }) => {
  await page.clock.install();
  await openAttract(page);
  await page.getByRole('heading', { level: 1 }).click();
  await page.getByRole('button', { name: /Thanh toán trực tuyến/ }).click();
  await page.clock.runFor(90_000);
  await expect(page.getByRole('dialog', { name: 'Bác/anh/chị vẫn đang dùng chứ?' })).toBeVisible();
  await captureAtBothSizes(page, 'idle-countdown');
});
