// Completes first-run setup on a data folder through the real services, so citizen-side tests
// start from a configured kiosk. Also runnable: `node --import tsx tests/e2e/support/seed.ts DIR`.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createServices } from '../../../electron/services';
import { createMemoryLogger } from '../../../electron/services/logger';
import { resolveAppPaths } from '../../../electron/services/paths';
import { completeSetup } from '../../../electron/services/setup';

/** The admin every seeded data folder has. */
export const SEED_ADMIN = { name: 'Quản trị thử nghiệm', pin: '482915' } as const;

/** The site every seeded data folder has: Xã Phù Đổng, Thành phố Hà Nội. */
export const SEED_SITE = {
  name: 'Bộ phận một cửa xã Phù Đổng',
  kind: 'mot-cua' as const,
  provinceCode: '01',
  communeCode: '',
  hamlets: ['Thôn Đổng Viên', 'Thôn Phù Dực', 'Thôn Lê Xá'],
  hotlines: [{ label: 'Báo cuộc gọi, tin nhắn lừa đảo', number: '156', confirmed: true, topic: 'lua-dao' as const }],
};

/** Runs setup on `dataDir` as the wizard would. */
export async function seedDataDir(dataDir: string, settings: { idleSeconds?: number; printer?: { uri: string; paperWidthMm: 58 | 80 } } = {}): Promise<void> {
  const root = path.resolve(import.meta.dirname, '..', '..', '..');
  const services = await createServices({ dataDir, paths: resolveAppPaths(root), shell: 'cli', version: 'seed', log: createMemoryLogger() });
  const commune = services.geo.listCommunes('01')?.find((c) => c.name === 'Xã Phù Đổng');
  if (!commune) throw new Error('seed commune missing from the map');
  await completeSetup(services, {
    site: { ...SEED_SITE, communeCode: commune.code },
    admin: { ...SEED_ADMIN },
    printer: settings.printer ?? null,
    idleSeconds: settings.idleSeconds ?? 90,
    language: 'vi',
  });
  // Release the data folder (the records lock) for the shell that starts on it next.
  await services.close();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: seed.ts DATA_DIR');
  await seedDataDir(dir);
}
