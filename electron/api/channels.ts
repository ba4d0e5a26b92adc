/**
 * The named API: method name → channel (`domain:verb`).
 * Kept free of dependencies so the sandboxed preload can bundle it cheaply.
 */
export const CHANNELS = {
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
  narrationOverview: 'narration:overview',
  narrationCoverage: 'narration:coverage',
  narrationClip: 'narration:clip',
  narrationSave: 'narration:save',
  narrationExport: 'narration:export',
  narrationMicrophone: 'narration:microphone',
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
  recordsUnfinished: 'records:unfinished',
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
  syncStatus: 'sync:status',
  syncEnrol: 'sync:enrol',
  syncNow: 'sync:now',
  syncUnlink: 'sync:unlink',
} as const;

/** A method name of the named API. */
export type MethodName = keyof typeof CHANNELS;

/** A channel name on the wire. */
export type Channel = (typeof CHANNELS)[MethodName];

/** All channel names, for transports that register one handler per channel. */
export const CHANNEL_NAMES: readonly Channel[] = Object.values(CHANNELS);

/** True when `name` is a known channel. */
export function isChannel(name: string): name is Channel {
  return (CHANNEL_NAMES as readonly string[]).includes(name);
}
