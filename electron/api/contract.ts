import { z } from '../services/zod';
import { SKILL_KEYS } from '../services/skills';
import type { DEFAULT_HOTLINES } from '../services/settings';
import { PrinterUriSchema, SettingsSchema, SiteSchema, type Settings, type Site } from '../services/settings';
import { STAFF_ROLES, type StaffDetails, type StaffSummary, type StaffRole } from '../services/staff/staff-service';
import type { Channel } from './channels';
import type { AppInfo } from '../services/app-info';
import { NARRATION_LANGUAGES, type Demo, type DemoSummary, type NarrationLanguage } from '../services/content/schema';
import type { Place } from '../services/geo';
import type { PackStatus } from '../services/content/loader';
import { MAX_CLIP_BYTES, type NarrationCoverage } from '../services/content/narration';
import type { DemoRecording, SavedClip } from '../services/content/recordings';
import type { CardPreview, PrinterReport } from '../services/printing/print-service';
import type { PrintJobView } from '../services/printing/print-queue';
import {
  AchievementsSchema,
  CONSENT_METHODS,
  DELETION_REASONS,
  DemoResultSchema,
  HouseholdInputSchema,
  HouseholdPatchSchema,
  SkillsPatchSchema,
  personInputSchema,
  type Household,
  type Person,
  type Session,
} from '../services/records/model';
import type { HouseholdHit, PersonHit, RecordsProblem } from '../services/records/records-service';
import type { RecordsStats } from '../services/records/stats';
import type { ImportSummary } from '../services/records/exchange';
import type { ConsentText } from '../services/records/consent';
import { EXPORT_FORMATS } from '../services/records/export-file';
import type { BackupInfo } from '../services/storage/backups';
import { RunReportSchema, type DemoUsage } from '../services/usage/usage-service';
import type { SyncStatus } from '../services/sync/sync-service';

/** Largest upload for a content pack: a 50 MB archive, base64-encoded, with room to spare. */
export const MAX_IMPORT_BASE64 = 70 * 1024 * 1024;
/** Largest records file to import (a .csv or a booth's bundle): 40 MB, base64-encoded. */
export const MAX_RECORDS_IMPORT_BASE64 = Math.ceil((40 * 1024 * 1024 * 4) / 3);
/** Largest narration clip to save, base64-encoded (5 MB of audio). */
export const MAX_CLIP_BASE64 = Math.ceil((MAX_CLIP_BYTES * 4) / 3) + 4;
/** Per-channel request-size limits above the browser shell's default. */
export const BODY_LIMITS: Partial<Record<Channel, number>> = {
  'content:import': MAX_IMPORT_BASE64 + 1024 * 1024,
  'records:import': MAX_RECORDS_IMPORT_BASE64 + 1024 * 1024,
  'narration:save': MAX_CLIP_BASE64 + 64 * 1024,
};

/** Who may call a channel: anyone at the screen, a signed-in staff member, or an admin. */
export type Access = 'public' | StaffRole;

const empty = z.object({}).strict();
const pin = z.string().max(12);
const session = z.string().min(1).max(100);
/** A staff-only channel's input: the staff session plus the channel's own fields. */
const staffInput = <S extends z.ZodRawShape>(shape: S) => z.object({ session, ...shape }).strict();

/** The printer part of setup and settings. */
const PrinterInput = SettingsSchema.shape.printer;
const jobRef = z.object({ id: z.string().uuid() }).strict();
const uuid = z.string().uuid();
/** A person's own fields as staff type them; the service checks them again against this year. */
const PersonFields = personInputSchema(9999).omit({ consent: true });
/** Consent as the citizen gave it; the staff member and the time are added by the core. */
const ConsentGiven = z.object({ version: z.string().max(40), method: z.enum(CONSENT_METHODS) }).strict();
/** What lets the citizen side add to the assistance session staff opened: its id and the secret handed over with it. */
const handoff = { sessionId: uuid, handoff: z.string().min(20).max(100) };

/** Site fields the wizard sends; names of province and commune are filled in from the map. */
export const SiteInputSchema = SiteSchema.omit({ provinceName: true, communeName: true });

/** Input schema of every channel: each takes one object, checked on entry. */
export const INPUTS = {
  'app:info': empty,
  'settings:get': empty,
  'settings:update': staffInput({
    patch: SettingsSchema.omit({ schemaVersion: true, site: true }).partial().extend({ site: SiteInputSchema.optional() }).strict(),
  }),
  'content:list': z.object({ skill: z.enum(SKILL_KEYS).optional() }).strict(),
  /** `voice`: the language the citizen chose to hear; steps without a clip in it speak Vietnamese. */
  'content:demo': z.object({ id: z.string().min(1).max(120), voice: z.enum(NARRATION_LANGUAGES).optional() }).strict(),
  'usage:record': RunReportSchema,
  'usage:read': staffInput({}),
  'content:packs': staffInput({}),
  'content:import': z.union([
    staffInput({ kind: z.literal('zip'), fileName: z.string().max(255), dataBase64: z.string().max(MAX_IMPORT_BASE64) }),
    staffInput({
      kind: z.literal('folder'),
      files: z.array(z.object({ path: z.string().min(1).max(400), dataBase64: z.string().max(MAX_IMPORT_BASE64) }).strict()).min(1).max(5000),
    }),
  ]),
  'content:set-pack-enabled': staffInput({ packId: z.string().min(1).max(120), enabled: z.boolean() }),
  'narration:overview': staffInput({}),
  'narration:coverage': staffInput({}),
  'narration:clip': staffInput({ demoId: z.string().min(1).max(120), stepId: z.string().min(1).max(120), lang: z.enum(NARRATION_LANGUAGES) }),
  'narration:save': staffInput({
    demoId: z.string().min(1).max(120),
    stepId: z.string().min(1).max(120),
    lang: z.enum(NARRATION_LANGUAGES),
    dataBase64: z.string().max(MAX_CLIP_BASE64),
  }),
  'narration:export': staffInput({}),
  'narration:microphone': staffInput({ open: z.boolean() }),
  'app:quit': staffInput({}),
  'setup:status': empty,
  'setup:complete': z
    .object({
      site: SiteInputSchema,
      admin: z.object({ name: z.string().max(200), pin }).strict(),
      printer: PrinterInput,
      idleSeconds: SettingsSchema.shape.idleSeconds,
      language: SettingsSchema.shape.language,
    })
    .strict(),
  'geo:provinces': empty,
  'geo:communes': z.object({ provinceCode: z.string().regex(/^\d{2}$/) }).strict(),
  'staff:list': empty,
  'staff:sign-in': z.object({ staffId: z.string().uuid(), pin }).strict(),
  'staff:sign-out': z.object({ session }).strict(),
  'staff:whoami': staffInput({}),
  'staff:change-pin': staffInput({ currentPin: pin, newPin: pin }),
  'staff:accounts': staffInput({}),
  'staff:add': staffInput({ name: z.string().max(200), role: z.enum(STAFF_ROLES), pin }),
  'staff:set-disabled': staffInput({ staffId: z.string().uuid(), disabled: z.boolean() }),
  'staff:reset-pin': staffInput({ staffId: z.string().uuid() }),
  'cards:preview': z
    .object({
      demoId: z.string().min(1).max(120),
      language: z.enum(['vi', 'en']),
      /** "Kính gửi bác Ánh": only from a staff session with a recorded person. */
      salutation: z.string().trim().min(1).max(80).optional(),
      /** A staff session puts the helper's name on the card. */
      session: session.optional(),
    })
    .strict(),
  'printer:print': z.object({ previewId: z.string().uuid() }).strict(),
  'printer:job': jobRef,
  'printer:retry': jobRef,
  'printer:reprint': z.object({ id: z.string().uuid(), session: session.optional() }).strict(),
  'printer:cancel': jobRef,
  'printer:jobs': staffInput({}),
  'printer:status': staffInput({ uri: PrinterUriSchema.optional() }),
  'printer:test-page': staffInput({ uri: PrinterUriSchema.optional(), widthMm: z.union([z.literal(58), z.literal(80)]).optional() }),
  'records:search': staffInput({ text: z.string().max(200), limit: z.number().int().min(1).max(200).optional() }),
  'records:households': staffInput({ text: z.string().max(200) }),
  'records:household': staffInput({ id: uuid }),
  'records:person': staffInput({ id: uuid }),
  'records:add-household': staffInput(HouseholdInputSchema.shape),
  'records:update-household': staffInput({ id: uuid, ...HouseholdPatchSchema.shape }),
  'records:add-person': staffInput({ ...PersonFields.shape, consent: ConsentGiven, allowDuplicate: z.boolean().optional() }),
  'records:update-person': staffInput({ id: uuid, ...PersonFields.partial().shape, allowDuplicate: z.boolean().optional() }),
  'records:delete-person': staffInput({ id: uuid, reason: z.enum(DELETION_REASONS) }),
  'records:delete-household': staffInput({ id: uuid, reason: z.enum(DELETION_REASONS) }),
  'records:merge-people': staffInput({ keepId: uuid, dropId: uuid }),
  'records:consent-text': staffInput({}),
  'records:consent-slip': staffInput({ method: z.enum(CONSENT_METHODS), language: z.enum(['vi', 'en']), personName: z.string().trim().max(80).optional() }),
  'records:unfinished': staffInput({ limit: z.number().int().min(1).max(100).optional() }),
  'records:open-session': staffInput({ personId: uuid, campaign: z.string().max(40).optional() }),
  'records:session-result': z.object({ ...handoff, result: DemoResultSchema }).strict(),
  'records:session-card': z.object({ ...handoff, demoId: z.string().min(1).max(120) }).strict(),
  'records:session-pause': z.object(handoff).strict(),
  'records:finish-session': staffInput({ sessionId: uuid, skills: SkillsPatchSchema, achievements: AchievementsSchema }),
  'records:stats': staffInput({}),
  'records:export': staffInput({ format: z.enum(EXPORT_FORMATS), passphrase: z.string().max(200).optional() }),
  'records:import': staffInput({ fileName: z.string().min(1).max(255), dataBase64: z.string().max(MAX_RECORDS_IMPORT_BASE64), passphrase: z.string().max(200).optional() }),
  'records:problem': staffInput({}),
  'records:acknowledge': staffInput({}),
  'backup:list': staffInput({}),
  'backup:create': staffInput({}),
  'backup:restore': staffInput({ name: z.string().min(1).max(200) }),
  'sync:status': staffInput({}),
  'sync:enrol': staffInput({ url: z.string().max(300), code: z.string().max(60), kioskName: z.string().trim().min(1).max(120).optional() }),
  'sync:now': staffInput({}),
  'sync:unlink': staffInput({}),
} as const satisfies Record<Channel, z.ZodType>;

/** Who may call each channel; the invoke path checks it before any handler runs. */
export const ACCESS: Record<Channel, Access> = {
  'app:info': 'public',
  'settings:get': 'public',
  'settings:update': 'admin',
  'content:list': 'public',
  'content:demo': 'public',
  'usage:record': 'public',
  'usage:read': 'member',
  'content:packs': 'admin',
  'content:import': 'admin',
  'content:set-pack-enabled': 'admin',
  'narration:overview': 'admin',
  'narration:coverage': 'member',
  'narration:clip': 'admin',
  'narration:save': 'admin',
  'narration:export': 'admin',
  'narration:microphone': 'admin',
  'app:quit': 'admin',
  'setup:status': 'public',
  'setup:complete': 'public',
  'geo:provinces': 'public',
  'geo:communes': 'public',
  'staff:list': 'public',
  'staff:sign-in': 'public',
  'staff:sign-out': 'public',
  'staff:whoami': 'member',
  'staff:change-pin': 'member',
  'staff:accounts': 'admin',
  'staff:add': 'admin',
  'staff:set-disabled': 'admin',
  'staff:reset-pin': 'admin',
  'cards:preview': 'public',
  'printer:print': 'public',
  'printer:job': 'public',
  'printer:retry': 'public',
  'printer:reprint': 'public',
  'printer:cancel': 'public',
  'printer:jobs': 'member',
  'printer:status': 'member',
  'printer:test-page': 'admin',
  'records:search': 'member',
  'records:households': 'member',
  'records:household': 'member',
  'records:person': 'member',
  'records:add-household': 'member',
  'records:update-household': 'member',
  'records:add-person': 'member',
  'records:update-person': 'member',
  'records:delete-person': 'member',
  'records:delete-household': 'admin',
  'records:merge-people': 'admin',
  'records:consent-text': 'member',
  'records:consent-slip': 'member',
  'records:unfinished': 'member',
  'records:open-session': 'member',
  'records:session-result': 'public',
  'records:session-card': 'public',
  'records:session-pause': 'public',
  'records:finish-session': 'member',
  'records:stats': 'member',
  'records:export': 'admin',
  'records:import': 'admin',
  'records:problem': 'member',
  'records:acknowledge': 'member',
  'backup:list': 'admin',
  'backup:create': 'admin',
  'backup:restore': 'admin',
  'sync:status': 'member',
  'sync:enrol': 'admin',
  'sync:now': 'member',
  'sync:unlink': 'admin',
};

/** A signed-in staff member as `staff:sign-in` returns them. */
export interface SignedIn {
  session: string;
  staff: StaffSummary;
  mustChangePin: boolean;
}

/** Output type of every channel. */
export interface Outputs {
  'app:info': AppInfo;
  'settings:get': Settings;
  'settings:update': Settings;
  /** `voices`: the languages recorded narration is offered in for these demos (Vietnamese first). */
  'content:list': { demos: DemoSummary[]; voices: NarrationLanguage[] };
  'content:demo': Demo;
  'usage:record': { recorded: boolean };
  'usage:read': { demos: (DemoSummary & { usage: DemoUsage })[] };
  'content:packs': { packs: (PackStatus & { enabled: boolean })[]; demos: DemoSummary[] };
  'content:import': PackStatus;
  'content:set-pack-enabled': { packs: (PackStatus & { enabled: boolean })[]; demos: DemoSummary[] };
  'narration:overview': { packId: string | null; demos: DemoRecording[] };
  /** Recorded narration over the demos citizens see, per language, for the staff overview. */
  'narration:coverage': NarrationCoverage;
  'narration:clip': { clip: { src: string; seconds: number } | null };
  'narration:save': SavedClip;
  'narration:export': RecordsExport;
  /** `managed`: false where the shell has no permission to hand out (the browser asks the user itself). */
  'narration:microphone': { open: boolean; managed: boolean };
  'app:quit': { quitting: boolean; howTo: string };
  'setup:status': { needed: boolean; site: Site | null; defaultHotlines: typeof DEFAULT_HOTLINES };
  'setup:complete': { site: Site };
  'geo:provinces': Place[];
  'geo:communes': Place[];
  'staff:list': StaffSummary[];
  'staff:sign-in': SignedIn;
  'staff:sign-out': { signedOut: true };
  'staff:whoami': StaffSummary;
  'staff:change-pin': { changed: true };
  'staff:accounts': StaffDetails[];
  'staff:add': StaffSummary;
  'staff:set-disabled': StaffDetails[];
  'staff:reset-pin': { oneTimePin: string; name: string };
  'cards:preview': CardPreview;
  'printer:print': PrintJobView;
  'printer:job': PrintJobView;
  'printer:retry': PrintJobView;
  'printer:reprint': PrintJobView;
  'printer:cancel': PrintJobView;
  'printer:jobs': { jobs: PrintJobView[] };
  'printer:status': PrinterReport;
  'printer:test-page': PrintJobView;
  'records:search': { people: PersonHit[] };
  'records:households': { households: HouseholdHit[] };
  'records:household': { household: Household; members: Person[] };
  'records:person': { person: Person; household: Household | null; sessions: Session[] };
  'records:add-household': Household;
  'records:update-household': Household;
  'records:add-person': Person;
  'records:update-person': Person;
  'records:delete-person': { deleted: true };
  'records:delete-household': { deleted: true };
  'records:merge-people': Person;
  'records:consent-text': ConsentText;
  'records:consent-slip': PrintJobView;
  'records:unfinished': { sessions: { session: Session; person: Person }[] };
  'records:open-session': { session: Session; handoff: string };
  'records:session-result': { attached: true };
  'records:session-card': { recorded: true };
  'records:session-pause': { paused: true };
  'records:finish-session': { session: Session; person: Person };
  'records:stats': RecordsStats;
  'records:export': RecordsExport;
  'records:import': ImportSummary;
  'records:problem': { problem: RecordsProblem | null };
  'records:acknowledge': { acknowledged: true };
  'backup:list': { backups: BackupInfo[] };
  'backup:create': BackupInfo;
  'backup:restore': { restored: string; previous: BackupInfo | null };
  'sync:status': SyncStatus;
  'sync:enrol': SyncStatus;
  'sync:now': SyncStatus;
  'sync:unlink': SyncStatus;
}

/** An export, saved in the data folder's exports/ and also handed to the page (the browser shell downloads it). */
export interface RecordsExport {
  fileName: string;
  /** Where the kiosk saved it. */
  savedTo: string;
  mimeType: string;
  bytes: number;
  dataBase64: string;
}

/** The (pre-validation) input a caller passes to channel `C`. */
export type Input<C extends Channel> = z.input<(typeof INPUTS)[C]>;
/** The validated input a handler receives for channel `C`. */
export type ParsedInput<C extends Channel> = z.output<(typeof INPUTS)[C]>;
/** What channel `C` returns inside its Result. */
export type Output<C extends Channel> = Outputs[C];

// Every channel must declare an output; this line fails to compile if one is missing.
export type _AllChannelsHaveOutputs = Outputs[Channel];
