import type {
  Achievement,
  ConsentMethod,
  DeletionReason,
  DemoResult,
  Gender,
  Household,
  Input,
  Person,
  Session,
  SkillKey,
  SkillLevel,
} from '../../../electron/api/types';
import { formatDateTime } from '../dashboard/exchange-figures';
import { SKILL_ORDER } from '../lib/skills';

// The renderer may only import types from the core, so the closed lists are repeated here; `satisfies` keeps them in step.

/** Levels of one skill, lowest first (as electron/services/records/model.ts). */
export const SKILL_LEVELS = ['chua', 'da-huong-dan', 'da-thuc-hanh', 'thanh-thao'] as const satisfies readonly SkillLevel[];
/** Milestones staff can tick for a person. */
export const ACHIEVEMENTS = ['vneid-muc-2', 'tai-khoan-dvc', 'ung-dung-ngan-hang', 'chu-ky-so', 'vssid', 'so-suc-khoe-dien-tu'] as const satisfies readonly Achievement[];
/** How consent was given. */
export const CONSENT_METHODS = ['man-hinh', 'giay', 'doc-to'] as const satisfies readonly ConsentMethod[];
/** Why a record is erased. */
export const DELETION_REASONS = ['yeu-cau', 'rut-dong-y', 'nhap-sai', 'trung-lap', 'khac'] as const satisfies readonly DeletionReason[];
/** Optional genders. */
export const GENDERS = ['nam', 'nu'] as const satisfies readonly Gender[];

/** Levels of all five skills. */
export type Levels = Record<SkillKey, SkillLevel>;

/** Every skill at `chua`. */
export function emptyLevels(): Levels {
  return Object.fromEntries(SKILL_ORDER.map((k) => [k, 'chua'])) as Levels;
}

/** True when a person is `thanh-thao` in all five skills: what makes a household meet the goal. */
export function meetsGoal(skills: Partial<Levels>): boolean {
  return SKILL_ORDER.every((k) => skills[k] === 'thanh-thao');
}

/** The higher of two levels. */
export function higher(a: SkillLevel, b: SkillLevel): SkillLevel {
  return SKILL_LEVELS.indexOf(a) >= SKILL_LEVELS.indexOf(b) ? a : b;
}

/**
 * Levels to confirm at the end of a session: the current ones, raised to `da-thuc-hanh` for a
 * skill one of whose demos was completed in the session. Never lowered.
 */
export function prefillLevels(current: Levels, demos: readonly Pick<DemoResult, 'demoId' | 'completed'>[], skillOf: (demoId: string) => SkillKey | undefined): Levels {
  const next = { ...current };
  for (const run of demos) {
    if (!run.completed) continue;
    const skill = skillOf(run.demoId);
    if (skill) next[skill] = higher(next[skill], 'da-thuc-hanh');
  }
  return next;
}

/** The name a person is called by: the last word of the full name ("Nguyễn Thị Ánh" → "Ánh"). */
export function callName(fullName: string): string {
  const words = fullName.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  return words[words.length - 1] ?? '';
}

/** How staff and cards address a person: "bác" from 50 years of age, otherwise "anh"/"chị" by gender ("anh/chị" when not given). */
export function honorific(person: Pick<Person, 'birthYear' | 'gender'>, year: number): string {
  if (year - person.birthYear >= 50) return 'bác';
  if (person.gender === 'nam') return 'anh';
  if (person.gender === 'nu') return 'chị';
  return 'anh/chị';
}

/** "bác Ánh": the honorific and the name a person is called by. */
export function addressName(person: Pick<Person, 'birthYear' | 'gender' | 'fullName'>, year: number): string {
  return `${honorific(person, year)} ${callName(person.fullName)}`.trim();
}

/** The greeting printed on a step card for a recorded person: "Kính gửi bác Ánh". */
export function salutation(person: Pick<Person, 'birthYear' | 'gender' | 'fullName'>, year: number): string {
  return `Kính gửi ${addressName(person, year)}`;
}

/** The person form as staff fill it in. */
export interface PersonForm {
  fullName: string;
  /** As typed: four digits. */
  birthYear: string;
  gender: Gender | '';
  phone: string;
  skills: Levels;
  achievements: Achievement[];
}

/** The kind of draft "Thêm người mới" keeps with staff mode. */
export const ADD_PERSON_DRAFT = 'add-person';

/** The kind of draft editing a person keeps with staff mode. */
export const EDIT_PERSON_DRAFT = 'edit-person';

/** A person's edit form as a staff member left it. */
export interface EditPersonDraft {
  personId: string;
  form: PersonForm;
}

/** The notice over a form opened again from a draft: when it was last changed, in Vietnam's time. */
export function reopenedNotice(text: { draftReopened: (at: string) => string }, at: number): string {
  return text.draftReopened(formatDateTime(new Date(at).toISOString()));
}

/** "Thêm người mới" as a staff member left it: the step, the household chosen and the form. */
export interface AddPersonDraft {
  step: 'household' | 'person' | 'consent';
  household: Household | null;
  /** A new household typed in but not saved yet. */
  newHousehold: NewHouseholdDraft | null;
  form: PersonForm;
  consent: { version: string; method: ConsentMethod } | null;
  allowDuplicate: boolean;
}

/** A blank form; the name may be prefilled (the head of a household just created). */
export function blankPersonForm(fullName = ''): PersonForm {
  return { fullName, birthYear: '', gender: '', phone: '', skills: emptyLevels(), achievements: [] };
}

/** The form filled from a stored person, for editing. */
export function formOf(person: Person): PersonForm {
  return {
    fullName: person.fullName,
    birthYear: String(person.birthYear),
    gender: person.gender ?? '',
    phone: person.phone ?? '',
    skills: { ...emptyLevels(), ...person.skills },
    achievements: [...person.achievements],
  };
}

const tidy = (text: string): string => text.normalize('NFC').trim().replace(/\s+/g, ' ');

/** The person's own fields as the core takes them; the core validates them again and names each field it refuses. */
export function personFields(form: PersonForm): Omit<Input<'records:add-person'>, 'session' | 'householdId' | 'consent' | 'allowDuplicate'> {
  const year = form.birthYear.trim();
  return {
    fullName: tidy(form.fullName),
    birthYear: /^\d+$/.test(year) ? Number(year) : year,
    gender: form.gender === '' ? null : form.gender,
    phone: form.phone.trim() === '' ? null : form.phone.trim(),
    skills: { ...form.skills },
    achievements: ACHIEVEMENTS.filter((a) => form.achievements.includes(a)),
  };
}

/** Input for `records:add-person`: the form, the household and the consent the citizen gave. */
export function addPersonInput(
  session: string,
  householdId: string,
  form: PersonForm,
  consent: { version: string; method: ConsentMethod },
  allowDuplicate = false,
): Input<'records:add-person'> {
  return { session, householdId, ...personFields(form), consent, ...(allowDuplicate ? { allowDuplicate: true } : {}) };
}

/** Input for `records:update-person`: every field of the form (consent is left as it was). */
export function updatePersonInput(session: string, id: string, form: PersonForm, allowDuplicate = false): Input<'records:update-person'> {
  return { session, id, ...personFields(form), ...(allowDuplicate ? { allowDuplicate: true } : {}) };
}

/** Checks the form can be sent: the same rules as the core, so staff see mistakes before the citizen is asked to consent. */
export function checkPersonForm(form: PersonForm, year: number, text: { nameMissing: string; yearInvalid: (max: number) => string; phoneInvalid: string }): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!tidy(form.fullName)) errors['fullName'] = text.nameMissing;
  const y = form.birthYear.trim();
  if (!/^\d{4}$/.test(y) || Number(y) < 1900 || Number(y) > year) errors['birthYear'] = text.yearInvalid(year);
  const phone = form.phone.trim();
  if (phone) {
    const compact = phone.replace(/[ .]/g, '');
    const local = compact.startsWith('+84') ? `0${compact.slice(3)}` : compact;
    if (!/^0\d{9}$/.test(local)) errors['phone'] = text.phoneInvalid;
  }
  return errors;
}

/** Household fields as the form holds them. */
export interface HouseholdForm {
  provinceCode: string;
  communeCode: string;
  hamlet: string;
  headName: string;
}

/** A new household being typed in, with the names of its place as shown. */
export interface NewHouseholdDraft {
  form: HouseholdForm;
  placeNames: { province: string; commune: string };
}

/** Input for `records:add-household`. */
export function addHouseholdInput(session: string, form: HouseholdForm): Input<'records:add-household'> {
  return { session, provinceCode: form.provinceCode, communeCode: form.communeCode, hamlet: tidy(form.hamlet), headName: tidy(form.headName) };
}

/** A date the Vietnamese way: 29/11/2026. */
export function vnDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;
}

/** A time and date: 14:05, 29/11/2026. */
export function vnDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}, ${vnDate(iso)}`;
}

/** A phone number grouped the Vietnamese way: 0912 345 678. */
export function vnPhone(phone: string): string {
  return /^0\d{9}$/.test(phone) ? `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}` : phone;
}

/** One line of "Phiên chưa xong": whose session, when it began, where it stands, how many demos ran. */
export interface UnfinishedRow {
  sessionId: string;
  personId: string;
  name: string;
  /** "29/11/2026 14:05", Vietnam time. */
  started: string;
  state: 'open' | 'unfinished';
  demos: number;
}

/** The rows of "Phiên chưa xong" from `records:unfinished`, in the core's order; a finished session is never listed. */
export function unfinishedRows(list: readonly { session: Session; person: Person }[]): UnfinishedRow[] {
  return list.flatMap(({ session, person }) =>
    session.state === 'done'
      ? []
      : [{ sessionId: session.id, personId: person.id, name: person.fullName, started: formatDateTime(session.startedAt), state: session.state, demos: session.demos.length }],
  );
}
