import type { DeletionReason, SkillKey, SkillLevel } from '../../../../electron/api/types';
import { MESSAGES } from '../../../../renderer/src/lib/i18n';

/** A skill's name, as the kiosk shows it. */
export const skillName = (skill: SkillKey): string => MESSAGES.vi.skills[skill].name;

/** A skill level's name, as the kiosk's dashboard shows it. */
export const levelName = (level: SkillLevel): string => MESSAGES.vi.dashboard.levels[level];

/** Why a person's record was erased, in the kiosk's words. */
export const REASON_LABELS: Record<DeletionReason, string> = MESSAGES.vi.records.reasons;

/** The reasons in the kiosk's order. */
export const REASON_CHOICES = Object.keys(REASON_LABELS) as DeletionReason[];
