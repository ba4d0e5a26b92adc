import { AppError } from '../../electron/api/result';
import type { Place } from '../../electron/services/geo';
import { DELETION_REASONS } from '../../electron/services/records/model';
import { z } from '../../electron/services/zod';
import { HUB_ROLE_LABELS, canSeeCommune, canSeeProvince, requireRole, type Actor, type HubRole } from './actor';
import { AccountInputSchema, type AccountLine, type SignedIn } from './accounts';
import { refreshDirty } from './aggregates';
import { readAudit, type AuditLine } from './audit';
import { importBundleAtHub, type HubImportSummary } from './bundles';
import { dashboardView, type DashboardView, type Scope } from './dashboard';
import type { Hub } from './hub';
import { erasePerson, listPeople, type PersonLine } from './records';
import { SiteInputSchema, type IssuedCode, type SiteLine } from './sites';
import type { SiteInfo } from '../../electron/services/sync/protocol';

/** Largest bundle the hub's page uploads: 40 MB, base64. */
export const MAX_BUNDLE_BASE64 = Math.ceil((40 * 1024 * 1024 * 4) / 3);

const empty = z.object({}).strict();
const uuid = z.uuid();
const provinceCode = z.string().regex(/^\d{2}$/);
const communeCode = z.string().regex(/^\d{5}$/);

/** A view's scope as pages send it. */
export const ScopeSchema = z.discriminatedUnion('level', [
  z.strictObject({ level: z.literal('country') }),
  z.strictObject({ level: z.literal('province'), provinceCode }),
  z.strictObject({ level: z.literal('commune'), provinceCode, communeCode }),
  z.strictObject({ level: z.literal('hamlet'), provinceCode, communeCode, hamletKey: z.string().min(1).max(120) }),
]);

/** Who may call a channel of the hub's pages. */
export type HubAccess = 'public' | 'signed-in' | HubRole;

/** The signed-in account as pages see it. */
export interface Me extends Actor {
  roleLabel: string;
  mustChange: boolean;
  /** Where the dashboard opens for this account. */
  home: Scope;
}

/** Every channel of the hub's pages: its input schema and who may call it. */
export const HUB_CHANNELS = {
  'setup:status': { access: 'public', input: empty },
  'setup:complete': {
    access: 'public',
    input: z.strictObject({ setupCode: z.string().max(100), username: z.string().max(60), displayName: z.string().max(100), password: z.string().max(200) }),
  },
  'auth:sign-in': { access: 'public', input: z.strictObject({ username: z.string().max(60), password: z.string().max(200) }) },
  'auth:sign-out': { access: 'signed-in', input: empty },
  'auth:me': { access: 'signed-in', input: empty },
  'auth:change-password': { access: 'signed-in', input: z.strictObject({ current: z.string().max(200), next: z.string().max(200) }) },
  'geo:provinces': { access: 'signed-in', input: empty },
  'geo:communes': { access: 'signed-in', input: z.strictObject({ provinceCode }) },
  'dashboard:view': { access: 'signed-in', input: z.strictObject({ scope: ScopeSchema }) },
  'people:list': {
    access: 'commune-admin',
    input: z.strictObject({
      communeCode,
      hamletKey: z.string().max(120).optional(),
      text: z.string().max(100).optional(),
      offset: z.number().int().min(0).max(1_000_000).default(0),
      limit: z.number().int().min(1).max(200).default(50),
    }),
  },
  'people:erase': { access: 'commune-admin', input: z.strictObject({ personId: uuid, reason: z.enum(DELETION_REASONS) }) },
  'sites:list': { access: 'commune-admin', input: empty },
  'sites:create': { access: 'commune-admin', input: SiteInputSchema },
  'sites:issue-code': { access: 'commune-admin', input: z.strictObject({ siteId: uuid }) },
  'sites:withdraw-code': { access: 'commune-admin', input: z.strictObject({ codeId: uuid }) },
  'kiosks:revoke': { access: 'commune-admin', input: z.strictObject({ kioskId: uuid }) },
  'accounts:list': { access: 'hub-admin', input: empty },
  'accounts:create': { access: 'hub-admin', input: AccountInputSchema },
  'accounts:set-disabled': { access: 'hub-admin', input: z.strictObject({ accountId: uuid, disabled: z.boolean() }) },
  'accounts:reset-password': { access: 'hub-admin', input: z.strictObject({ accountId: uuid }) },
  'audit:list': { access: 'hub-admin', input: z.strictObject({ before: z.number().int().min(1).optional() }) },
  'bundles:import': {
    access: 'commune-admin',
    input: z.strictObject({ fileName: z.string().min(1).max(255), dataBase64: z.string().max(MAX_BUNDLE_BASE64), passphrase: z.string().max(200).optional() }),
  },
} as const satisfies Record<string, { access: HubAccess; input: z.ZodType }>;

/** A channel name of the hub's pages. */
export type HubChannel = keyof typeof HUB_CHANNELS;

/** What each channel returns. */
export interface HubOutputs {
  'setup:status': { needsSetup: boolean; hubName: string };
  'setup:complete': { me: Me };
  'auth:sign-in': { me: Me };
  'auth:sign-out': { signedOut: true };
  'auth:me': { me: Me };
  'auth:change-password': { changed: true };
  'geo:provinces': { provinces: Place[] };
  'geo:communes': { communes: Place[] };
  'dashboard:view': DashboardView;
  'people:list': { people: PersonLine[]; total: number };
  'people:erase': { erased: true };
  'sites:list': { sites: SiteLine[] };
  'sites:create': { site: SiteInfo };
  'sites:issue-code': IssuedCode;
  'sites:withdraw-code': { withdrawn: true };
  'kiosks:revoke': { revoked: true };
  'accounts:list': { accounts: AccountLine[] };
  'accounts:create': { account: AccountLine; password: string };
  'accounts:set-disabled': { changed: true };
  'accounts:reset-password': { password: string };
  'audit:list': { lines: AuditLine[] };
  'bundles:import': HubImportSummary;
}

/** The input of a channel, as the page sends it. */
export type HubInput<C extends HubChannel> = z.input<(typeof HUB_CHANNELS)[C]['input']>;

/** What a handler is told about the call. */
export interface HubCallContext {
  actor: (Actor & { mustChange: boolean }) | null;
  token: string | null;
  ip: string | null;
  /** The hub's address as kiosks reach it, for enrolment QR codes. */
  publicUrl: string;
  /** Sets the session cookie (sign-in) or clears it (null). */
  setSession(token: string | null): void;
}

type Handlers = { [C in HubChannel]: (input: z.output<(typeof HUB_CHANNELS)[C]['input']>, ctx: HubCallContext) => Promise<HubOutputs[C]> };

/** Where an account's dashboard opens. */
export function homeOf(actor: Actor): Scope {
  if (actor.role === 'commune-admin' && actor.provinceCode && actor.communeCode) return { level: 'commune', provinceCode: actor.provinceCode, communeCode: actor.communeCode };
  if (actor.role === 'province-viewer' && actor.provinceCode) return { level: 'province', provinceCode: actor.provinceCode };
  return { level: 'country' };
}

const me = (actor: Actor, mustChange: boolean): Me => ({ ...actor, roleLabel: HUB_ROLE_LABELS[actor.role], mustChange, home: homeOf(actor) });

function must(ctx: HubCallContext): Actor & { mustChange: boolean } {
  if (!ctx.actor) throw new AppError('UNAUTHORIZED', 'Hãy đăng nhập.');
  return ctx.actor;
}

/** Refuses a view or report outside the account's own area. */
export function checkScope(actor: Actor, scope: Scope): void {
  const allowed =
    scope.level === 'country' ? actor.role === 'hub-admin' : scope.level === 'province' ? canSeeProvince(actor, scope.provinceCode) : canSeeCommune(actor, scope.provinceCode, scope.communeCode);
  if (!allowed) throw new AppError('FORBIDDEN', 'Tài khoản này chỉ xem được số liệu của địa bàn mình.');
}

/** The handler table of the hub's pages. */
export function createHubHandlers(hub: Hub): Handlers {
  const { db, geo, clock } = hub.deps;
  const signedIn = (ctx: HubCallContext, result: SignedIn) => {
    ctx.setSession(result.token);
    return { me: me(result.actor, result.mustChange) };
  };
  return {
    'setup:status': async () => ({ needsSetup: await hub.accounts.needsSetup(), hubName: hub.deps.identity.hubName }),
    'setup:complete': async (input, ctx) => signedIn(ctx, await hub.accounts.completeSetup(input, ctx.ip)),
    'auth:sign-in': async ({ username, password }, ctx) => signedIn(ctx, await hub.accounts.signIn(username, password, ctx.ip)),
    'auth:sign-out': async (_input, ctx) => {
      if (ctx.token) await hub.accounts.signOut(ctx.token, ctx.actor);
      ctx.setSession(null);
      return { signedOut: true };
    },
    'auth:me': async (_input, ctx) => ({ me: me(must(ctx), must(ctx).mustChange) }),
    'auth:change-password': async ({ current, next }, ctx) => {
      await hub.accounts.changePassword(must(ctx), current, next, ctx.token ?? '');
      return { changed: true };
    },
    'geo:provinces': async () => ({ provinces: geo.listProvinces() }),
    'geo:communes': async ({ provinceCode: code }) => {
      const communes = geo.listCommunes(code);
      if (!communes) throw new AppError('NOT_FOUND', 'Không có tỉnh/thành phố này.');
      return { communes };
    },
    'dashboard:view': async ({ scope }, ctx) => {
      const actor = must(ctx);
      checkScope(actor, scope);
      // A commune's own view folds in what just arrived (a few hamlets, milliseconds); wider views read what the background refresh keeps.
      if (scope.level === 'commune' || scope.level === 'hamlet') await refreshDirty(db, { hamlets: 200, communes: 1 }, { communeCode: scope.communeCode });
      return dashboardView(db, geo, scope);
    },
    'people:list': async (input, ctx) => listPeople(db, must(ctx), input, { at: clock(), ip: ctx.ip }),
    'people:erase': async ({ personId, reason }, ctx) => {
      await hub.writing(() => db.transaction((tx) => erasePerson(tx, must(ctx), personId, reason, { at: clock(), ip: ctx.ip })));
      return { erased: true };
    },
    'sites:list': async (_input, ctx) => ({ sites: await hub.sites.listSites(must(ctx)) }),
    'sites:create': async (input, ctx) => ({ site: await hub.sites.createSite(must(ctx), input) }),
    'sites:issue-code': async ({ siteId }, ctx) => hub.sites.issueCode(must(ctx), siteId, ctx.publicUrl),
    'sites:withdraw-code': async ({ codeId }, ctx) => {
      await hub.sites.withdrawCode(must(ctx), codeId);
      return { withdrawn: true };
    },
    'kiosks:revoke': async ({ kioskId }, ctx) => {
      await hub.sites.revokeKiosk(must(ctx), kioskId);
      return { revoked: true };
    },
    'accounts:list': async (_input, ctx) => ({ accounts: await hub.accounts.listAccounts(must(ctx)) }),
    'accounts:create': async (input, ctx) => hub.accounts.createAccount(must(ctx), input),
    'accounts:set-disabled': async ({ accountId, disabled }, ctx) => {
      await hub.accounts.setDisabled(must(ctx), accountId, disabled);
      return { changed: true };
    },
    'accounts:reset-password': async ({ accountId }, ctx) => ({ password: await hub.accounts.resetPassword(must(ctx), accountId) }),
    'audit:list': async ({ before }, ctx) => {
      requireRole(must(ctx), 'hub-admin');
      return { lines: await readAudit(db, hub.deps.geo, { limit: 100, ...(before ? { before } : {}) }) };
    },
    'bundles:import': async ({ dataBase64, passphrase }, ctx) => importBundleAtHub(hub, must(ctx), Buffer.from(dataBase64, 'base64'), passphrase, ctx.ip),
  };
}

/** True when the actor's role meets a channel's access. */
export function allowed(actor: Actor | null, access: HubAccess): boolean {
  if (access === 'public') return true;
  if (!actor) return false;
  if (access === 'signed-in') return true;
  return actor.role === 'hub-admin' || actor.role === access;
}
