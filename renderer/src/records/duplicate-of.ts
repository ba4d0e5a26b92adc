import type { ApiError, Household, Person } from '../../../electron/api/types';
import type { StaffMode } from '../staff/staff-mode.svelte';
import { fieldsOf } from '../staff/text';

/** A person already recorded, with their household, as "Có thể đã có người này" shows them. */
export type Duplicate = { person: Person; household: Household | null };

/**
 * The person a refused save would have duplicated (the core names them in `duplicateOf`), read
 * in full so staff can compare; null for any other refusal, or when they cannot be read.
 */
export async function duplicateOf(staff: StaffMode, error: ApiError): Promise<Duplicate | null> {
  const id = fieldsOf(error)['duplicateOf'];
  if (error.code !== 'CONFLICT' || !id) return null;
  const found = await staff.call((session) => staff.api.recordsPerson({ session, id }));
  return found.ok ? { person: found.value.person, household: found.value.household } : null;
}
