import type { Input } from '../../../electron/api/types';
import type { Messages } from '../lib/i18n';

/** The staff strings. */
export type StaffText = Messages['staff'];

/** The site fields a form sends (place names are filled in by the core). */
export type SiteInput = Input<'setup:complete'>['site'];
/** One of the site kinds. */
export type SiteKind = SiteInput['kind'];
/** A hotline as forms send it. */
export type Hotline = SiteInput['hotlines'][number];

/** The kinds of site, in the order the forms offer them. */
export const SITE_KINDS: readonly SiteKind[] = ['mot-cua', 'nha-van-hoa', 'luu-dong'];
/** Most hotlines a site prints on its cards. */
export const MAX_HOTLINES = 6;
const HOTLINE_NUMBER = /^[0-9][0-9 .]{1,18}[0-9]$/;

let nextKey = 1;
/** A fresh key for a list row, so rows keep their identity while others are added or removed. */
export function rowKey(): number {
  return nextKey++;
}

/** A hamlet row of a form. */
export interface HamletRow {
  key: number;
  name: string;
}

/** What a hotline is for; a demo's step card prints the lines of its topics. */
export type HotlineTopic = NonNullable<Hotline['topic']>;
/** The topics in the order forms offer them. */
export const HOTLINE_TOPICS: readonly HotlineTopic[] = ['lua-dao', 'vneid', 'dich-vu-cong', 'ngan-hang', 'bhxh', 'khac'];

/** A hotline row of a form. */
export interface HotlineRow extends Hotline {
  key: number;
  topic: HotlineTopic;
}

const tidy = (text: string): string => text.normalize('NFC').trim().replace(/\s+/g, ' ');

/** A site profile being edited, in the wizard or in settings. */
export class SiteDraft {
  name = $state('');
  kind = $state<SiteKind | ''>('');
  provinceCode = $state('');
  communeCode = $state('');
  /** Names of the chosen places, for showing only; the core fills in the real ones from the codes. */
  provinceName = $state('');
  communeName = $state('');
  hamlets = $state<HamletRow[]>([{ key: rowKey(), name: '' }]);
  hotlines = $state<HotlineRow[]>([]);

  /** Fills the draft from a saved site (settings) or the defaults (wizard). */
  load(site: Partial<SiteInput> & { provinceName?: string; communeName?: string }): void {
    this.name = site.name ?? '';
    this.kind = site.kind ?? '';
    this.provinceCode = site.provinceCode ?? '';
    this.communeCode = site.communeCode ?? '';
    this.provinceName = site.provinceName ?? '';
    this.communeName = site.communeName ?? '';
    const hamlets = site.hamlets ?? [];
    this.hamlets = (hamlets.length ? hamlets : ['']).map((name) => ({ key: rowKey(), name }));
    this.hotlines = (site.hotlines ?? []).map((h) => ({ ...h, topic: h.topic ?? 'khac', key: rowKey() }));
  }

  /** Picks a province; the commune goes with it when the province changes. */
  setProvince(code: string, name: string): void {
    if (code !== this.provinceCode) {
      this.communeCode = '';
      this.communeName = '';
    }
    this.provinceCode = code;
    this.provinceName = name;
  }

  /** Picks a commune of the chosen province. */
  setCommune(code: string, name: string): void {
    this.communeCode = code;
    this.communeName = name;
  }

  addHamlet(): void {
    this.hamlets.push({ key: rowKey(), name: '' });
  }

  removeHamlet(key: number): void {
    this.hamlets = this.hamlets.filter((h) => h.key !== key);
    if (this.hamlets.length === 0) this.addHamlet();
  }

  addHotline(): void {
    if (this.hotlines.length < MAX_HOTLINES) this.hotlines.push({ key: rowKey(), label: '', number: '', confirmed: false, topic: 'khac' });
  }

  removeHotline(key: number): void {
    this.hotlines = this.hotlines.filter((h) => h.key !== key);
  }

  /** What the core receives; blank hamlet rows are left out. */
  toInput(): SiteInput {
    return {
      name: this.name,
      kind: this.kind || 'mot-cua',
      provinceCode: this.provinceCode,
      communeCode: this.communeCode,
      hamlets: this.hamlets.map((h) => tidy(h.name)).filter(Boolean),
      hotlines: this.hotlines.map(({ label, number, confirmed, topic }) => ({ label, number: number.trim(), confirmed, topic })),
    };
  }

  /** Problems with the name and kind, keyed like the core's field names. */
  basicsProblems(t: StaffText): Record<string, string> {
    const out: Record<string, string> = {};
    const name = tidy(this.name);
    if (name.length < 2) out['site.name'] = t.siteNameMissing;
    else if (name.length > 120) out['site.name'] = t.tooLong(120);
    if (!this.kind) out['site.kind'] = t.siteKindMissing;
    return out;
  }

  /** Problems with the province and commune. */
  placeProblems(t: StaffText): Record<string, string> {
    const out: Record<string, string> = {};
    if (!this.provinceCode) out['site.provinceCode'] = t.provinceMissing;
    if (!this.communeCode) out['site.communeCode'] = t.communeMissing;
    return out;
  }

  /** Problems with the hamlet list: at least one, no name twice. */
  hamletProblems(t: StaffText): Record<string, string> {
    const out: Record<string, string> = {};
    const seen: string[] = [];
    this.hamlets.forEach((h, i) => {
      const name = tidy(h.name).toLowerCase();
      if (!name) return;
      if (name.length > 80) out[`site.hamlets.${i}`] = t.tooLong(80);
      else if (seen.includes(name)) out[`site.hamlets.${i}`] = t.hamletDuplicate;
      seen.push(name);
    });
    if (seen.length === 0) out['site.hamlets'] = t.hamletsMissing;
    return out;
  }

  /** Problems with the hotlines: each named, a plausible number, and confirmed by staff. */
  hotlineProblems(t: StaffText): Record<string, string> {
    const out: Record<string, string> = {};
    this.hotlines.forEach((h, i) => {
      if (!tidy(h.label)) out[`site.hotlines.${i}.label`] = t.hotlineLabelMissing;
      if (!HOTLINE_NUMBER.test(h.number.trim())) out[`site.hotlines.${i}.number`] = t.hotlineNumberBad;
      if (!h.confirmed) out[`site.hotlines.${i}.confirmed`] = t.hotlineUnconfirmed;
    });
    return out;
  }

  /** Every problem with the draft. */
  problems(t: StaffText): Record<string, string> {
    return { ...this.basicsProblems(t), ...this.placeProblems(t), ...this.hamletProblems(t), ...this.hotlineProblems(t) };
  }
}
