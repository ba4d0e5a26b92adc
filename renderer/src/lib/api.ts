import type { ChannelOf, KioskApi, MethodName, Result } from '../../../electron/api/types';

declare global {
  interface Window {
    /** The named API the Electron preload exposes; absent in the browser shell. */
    kiosk?: KioskApi;
  }
}

// Checked against the contract by the compiler: a missing or misspelt channel fails the build.
const CHANNEL_OF: { [M in MethodName]: ChannelOf<M> } = {
  appInfo: 'app:info',
  settingsGet: 'settings:get',
  settingsUpdate: 'settings:update',
  contentList: 'content:list',
  contentDemo: 'content:demo',
  usageRecord: 'usage:record',
  usageRead: 'usage:read',
  contentPacks: 'content:packs',
  contentImport: 'content:import',
  contentSetPackEnabled: 'content:set-pack-enabled',
  appQuit: 'app:quit',
  setupStatus: 'setup:status',
  setupComplete: 'setup:complete',
  geoProvinces: 'geo:provinces',
  geoCommunes: 'geo:communes',
  staffList: 'staff:list',
  staffSignIn: 'staff:sign-in',
  staffSignOut: 'staff:sign-out',
  staffWhoami: 'staff:whoami',
  staffChangePin: 'staff:change-pin',
  staffAccounts: 'staff:accounts',
  staffAdd: 'staff:add',
  staffSetDisabled: 'staff:set-disabled',
  staffResetPin: 'staff:reset-pin',
  cardsPreview: 'cards:preview',
  printerPrint: 'printer:print',
  printerJob: 'printer:job',
  printerRetry: 'printer:retry',
  printerReprint: 'printer:reprint',
  printerCancel: 'printer:cancel',
  printerJobs: 'printer:jobs',
  printerStatus: 'printer:status',
  printerTestPage: 'printer:test-page',
  recordsSearch: 'records:search',
  recordsHouseholds: 'records:households',
  recordsHousehold: 'records:household',
  recordsPerson: 'records:person',
  recordsAddHousehold: 'records:add-household',
  recordsUpdateHousehold: 'records:update-household',
  recordsAddPerson: 'records:add-person',
  recordsUpdatePerson: 'records:update-person',
  recordsDeletePerson: 'records:delete-person',
  recordsDeleteHousehold: 'records:delete-household',
  recordsMergePeople: 'records:merge-people',
  recordsConsentText: 'records:consent-text',
  recordsConsentSlip: 'records:consent-slip',
  recordsOpenSession: 'records:open-session',
  recordsSessionResult: 'records:session-result',
  recordsSessionCard: 'records:session-card',
  recordsSessionPause: 'records:session-pause',
  recordsFinishSession: 'records:finish-session',
  recordsStats: 'records:stats',
  recordsExport: 'records:export',
  recordsImport: 'records:import',
  recordsProblem: 'records:problem',
  recordsAcknowledge: 'records:acknowledge',
  backupList: 'backup:list',
  backupCreate: 'backup:create',
  backupRestore: 'backup:restore',
};

const UNAVAILABLE = 'Không kết nối được với phần lõi của trạm. Xin chờ một chút rồi thử lại.';

function readToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="kiosk-token"]')?.content ?? '';
}

async function post(channel: string, input: unknown): Promise<Result<unknown>> {
  try {
    const response = await fetch(`api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kiosk-token': readToken() },
      body: JSON.stringify(input),
    });
    const body: unknown = await response.json().catch(() => null);
    if (body && typeof body === 'object' && 'ok' in body) return body as Result<unknown>;
    return { ok: false, error: { code: 'UNAVAILABLE', message: UNAVAILABLE } };
  } catch {
    return { ok: false, error: { code: 'UNAVAILABLE', message: UNAVAILABLE } };
  }
}

function httpApi(): KioskApi {
  const api: Record<string, (input: unknown) => Promise<Result<unknown>>> = {};
  for (const [method, channel] of Object.entries(CHANNEL_OF)) api[method] = (input) => post(channel, input);
  return api as KioskApi;
}

/** The app's only way to reach the core: Electron's preload API, or the browser shell over HTTP. */
export const api: KioskApi = window.kiosk ?? httpApi();
