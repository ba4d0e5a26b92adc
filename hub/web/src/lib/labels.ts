import type { DeletionReason, SkillKey, SkillLevel } from '../../../../electron/api/types';
import { MESSAGES } from '../../../../renderer/src/lib/i18n';
import { HUB_ROLE_LABELS, HUB_ROLE_LABELS_EN, type HubRole } from '../../../shared/roles';
import { lang } from './lang.svelte';

/** A skill's name, as the kiosk shows it in the page's language. */
export const skillName = (skill: SkillKey): string => MESSAGES[lang.code].skills[skill].name;

/** A skill level's name, as the kiosk's dashboard shows it in the page's language. */
export const levelName = (level: SkillLevel): string => MESSAGES[lang.code].dashboard.levels[level];

/** Why a person's record was erased, in the kiosk's words and the page's language. */
export const reasonName = (reason: DeletionReason): string => MESSAGES[lang.code].records.reasons[reason];

/** The reasons in the kiosk's order. */
export const REASON_CHOICES = Object.keys(MESSAGES.vi.records.reasons) as DeletionReason[];

/** A role's name in the page's language. */
export const roleName = (role: HubRole): string => (lang.code === 'en' ? HUB_ROLE_LABELS_EN : HUB_ROLE_LABELS)[role];
