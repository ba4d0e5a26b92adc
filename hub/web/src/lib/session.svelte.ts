import type { Me } from '../../../server/api';
import type { HubRole } from '../../../server/actor';

/**
 * Who is signed in, and why the last session ended (shown on the sign-in page): the server's words,
 * or `signedOut` when the person signed out here (said in the page's language).
 */
export const session = $state<{ me: Me | null; ended: string | null; signedOut: boolean }>({ me: null, ended: null, signedOut: false });

/** True when the signed-in account holds one of the roles (a hub admin holds every role). */
export function holds(me: Me | null, ...roles: HubRole[]): boolean {
  return me !== null && (me.role === 'hub-admin' || roles.includes(me.role));
}

/** True when the account may see citizens' names in the commune: only that commune's own admins (as the hub decides). */
export function canSeeNamesOf(me: Me, communeCode: string): boolean {
  return me.role === 'commune-admin' && me.communeCode === communeCode;
}
