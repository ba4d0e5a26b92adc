import { SKILL_KEYS } from '../skills';
import { z } from '../zod';
import { CONSENT_METHODS, GENDERS, SKILL_LEVELS, normalisePhone, type Person, type Session } from './model';
import { RecordsState, type RecordOp } from './state';
import { encodeRecords } from './wire';

/*
 * Format v1 (the first release): readable objects with long keys.
 *   { schemaVersion: 1, seq, households: [Household], people: [person with gender/phone null when
 *     absent, the phone as typed, no achievements], sessions: [session with campaign/endedAt null,
 *     a `finished` flag and no state or updatedAt] }
 * v2 adds achievements, session states and times of change, stores phones as digits, keeps a
 * deletion log, and packs everything into compact arrays.
 */

const V1Household = z.object({
  id: z.string(),
  provinceCode: z.string(),
  communeCode: z.string(),
  hamlet: z.string(),
  headName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const V1Person = z.object({
  id: z.string(),
  householdId: z.string(),
  fullName: z.string(),
  birthYear: z.number().int(),
  gender: z.enum(GENDERS).nullable(),
  phone: z.string().nullable(),
  skills: z.record(z.enum(SKILL_KEYS), z.enum(SKILL_LEVELS)),
  consent: z.object({ version: z.string(), at: z.string(), method: z.enum(CONSENT_METHODS), staffId: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const V1Session = z.object({
  id: z.string(),
  personId: z.string(),
  staffId: z.string(),
  siteName: z.string(),
  campaign: z.string().nullable(),
  demos: z.array(z.object({ demoId: z.string(), completed: z.boolean(), mistakes: z.number(), hints: z.number(), seconds: z.number() })),
  cardsPrinted: z.array(z.string()),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  finished: z.boolean(),
});
const V1File = z.object({
  schemaVersion: z.literal(1),
  seq: z.number().int().min(0).default(0),
  households: z.array(V1Household),
  people: z.array(V1Person),
  sessions: z.array(V1Session),
});

const canonical = (at: string) => new Date(at).toISOString();

/** v1 → v2. */
function v1ToV2(wire: unknown): unknown {
  const v1 = V1File.parse(wire);
  const ops: RecordOp[] = [];
  for (const h of v1.households) ops.push({ k: 'h', v: { ...h, createdAt: canonical(h.createdAt), updatedAt: canonical(h.updatedAt) } });
  for (const p of v1.people) {
    const person: Person = {
      id: p.id,
      householdId: p.householdId,
      fullName: p.fullName.normalize('NFC'),
      birthYear: p.birthYear,
      skills: p.skills as Person['skills'],
      achievements: [],
      consent: { ...p.consent, at: canonical(p.consent.at) },
      createdAt: canonical(p.createdAt),
      updatedAt: canonical(p.updatedAt),
    };
    if (p.gender) person.gender = p.gender;
    const phone = p.phone === null ? null : normalisePhone(p.phone);
    if (phone) person.phone = phone;
    ops.push({ k: 'p', v: person });
  }
  for (const s of v1.sessions) {
    const session: Session = {
      id: s.id,
      personId: s.personId,
      staffId: s.staffId,
      siteName: s.siteName,
      demos: s.demos,
      cardsPrinted: s.cardsPrinted,
      startedAt: canonical(s.startedAt),
      // v1 could not resume a session: one left open is kept as unfinished.
      state: s.finished ? 'done' : 'unfinished',
      updatedAt: canonical(s.endedAt ?? s.startedAt),
    };
    if (s.campaign) session.campaign = s.campaign;
    if (s.endedAt) session.endedAt = canonical(s.endedAt);
    ops.push({ k: 's', v: session });
  }
  const state = new RecordsState();
  state.apply(ops);
  return encodeRecords(state, v1.seq, Date.now());
}

/** Upgrades keyed by the version they start from; each returns the next version's snapshot. */
export const RECORDS_MIGRATIONS: Readonly<Record<number, (wire: unknown) => unknown>> = {
  1: v1ToV2,
};
