import { AppError } from '../../electron/api/result';
import { HUB_ROLE_LABELS, HUB_ROLES, type HubRole } from '../shared/roles';

export { HUB_ROLE_LABELS, HUB_ROLES, type HubRole };

/** A signed-in account, as the hub's parts see it. */
export interface Actor {
  accountId: string;
  name: string;
  role: HubRole;
  provinceCode: string | null;
  communeCode: string | null;
}

/** Throws FORBIDDEN unless the actor holds `role` (a hub admin holds every role). */
export function requireRole(actor: Actor, ...roles: HubRole[]): void {
  if (actor.role === 'hub-admin' || roles.includes(actor.role)) return;
  throw new AppError('FORBIDDEN', 'Tài khoản này không có quyền làm việc này.');
}

/** True when the actor may see figures of the province (hub admins: any; others: their own). */
export function canSeeProvince(actor: Actor, provinceCode: string): boolean {
  return actor.role === 'hub-admin' || actor.provinceCode === provinceCode;
}

/** True when the actor may see figures of the commune. */
export function canSeeCommune(actor: Actor, provinceCode: string, communeCode: string): boolean {
  if (actor.role === 'hub-admin') return true;
  if (actor.role === 'province-viewer') return actor.provinceCode === provinceCode;
  return actor.communeCode === communeCode;
}

/** True when the actor may see citizens' names in the commune: only that commune's own admins. */
export function canSeeNames(actor: Actor, communeCode: string): boolean {
  return actor.role === 'commune-admin' && actor.communeCode === communeCode;
}

/** True when the actor may manage the commune's sites and kiosks (its admins and hub admins). */
export function canManageCommune(actor: Actor, communeCode: string): boolean {
  return actor.role === 'hub-admin' || (actor.role === 'commune-admin' && actor.communeCode === communeCode);
}
