import type { GeoDirectory, Place } from '../geo';
import { fold } from './fold';

/** What matching a typed place found. */
export type PlaceMatch = { ok: true; place: Place } | { ok: false; message: string };

const PROVINCE_PREFIXES = ['thanh pho ', 'tp. ', 'tp ', 'tinh '];
const COMMUNE_PREFIXES = ['xa ', 'phuong ', 'dac khu ', 'p. ', 'x. '];

function withoutPrefix(folded: string, prefixes: readonly string[]): string {
  for (const p of prefixes) if (folded.startsWith(p)) return folded.slice(p.length);
  return folded;
}

function indexPlaces(places: readonly Place[], prefixes: readonly string[]): Map<string, Place[]> {
  const index = new Map<string, Place[]>();
  const add = (key: string, place: Place) => {
    const list = index.get(key) ?? [];
    if (!list.includes(place)) list.push(place);
    index.set(key, list);
  };
  for (const place of places) {
    const folded = fold(place.name);
    add(folded, place);
    add(withoutPrefix(folded, prefixes), place);
  }
  return index;
}

/**
 * Finds provinces and communes from what people type in spreadsheets: the official code (Excel
 * drops leading zeros, so "1" is "01"), the full name, or the name without "Tỉnh"/"Xã"/"Phường",
 * ignoring case and diacritics.
 */
export class PlaceMatcher {
  private readonly provinces: Place[];
  private readonly provinceIndex: Map<string, Place[]>;
  private readonly communeIndexes = new Map<string, Map<string, Place[]>>();

  constructor(private readonly geo: GeoDirectory) {
    this.provinces = geo.listProvinces();
    this.provinceIndex = indexPlaces(this.provinces, PROVINCE_PREFIXES);
  }

  /** The province named or numbered by `text`. */
  province(text: string): PlaceMatch {
    const typed = text.trim();
    if (typed === '') return { ok: false, message: 'thiếu tỉnh/thành phố (tinh)' };
    if (/^\d{1,2}$/.test(typed)) {
      const place = this.provinces.find((p) => p.code === typed.padStart(2, '0'));
      return place ? { ok: true, place } : { ok: false, message: `không có tỉnh/thành phố mã ${typed}` };
    }
    return this.pick(this.provinceIndex, typed, PROVINCE_PREFIXES, `không có tỉnh/thành phố “${typed}”`);
  }

  /** The commune, ward or special zone named or numbered by `text` inside a province. */
  commune(provinceCode: string, text: string): PlaceMatch {
    const typed = text.trim();
    if (typed === '') return { ok: false, message: 'thiếu xã/phường/đặc khu (xa)' };
    const communes = this.geo.listCommunes(provinceCode) ?? [];
    const provinceName = this.provinces.find((p) => p.code === provinceCode)?.name ?? provinceCode;
    if (/^\d{1,5}$/.test(typed)) {
      const place = communes.find((c) => c.code === typed.padStart(5, '0'));
      return place ? { ok: true, place } : { ok: false, message: `không có xã/phường mã ${typed} thuộc ${provinceName}` };
    }
    let index = this.communeIndexes.get(provinceCode);
    if (!index) this.communeIndexes.set(provinceCode, (index = indexPlaces(communes, COMMUNE_PREFIXES)));
    return this.pick(index, typed, COMMUNE_PREFIXES, `không có xã/phường/đặc khu “${typed}” thuộc ${provinceName}`);
  }

  private pick(index: Map<string, Place[]>, typed: string, prefixes: readonly string[], notFound: string): PlaceMatch {
    const folded = fold(typed);
    const found = index.get(folded) ?? index.get(withoutPrefix(folded, prefixes)) ?? [];
    if (found.length === 1) return { ok: true, place: found[0]! };
    if (found.length === 0) return { ok: false, message: notFound };
    return { ok: false, message: `“${typed}” có thể là ${found.map((p) => p.name).join(' hoặc ')}: hãy ghi đủ tên hoặc mã` };
  }
}
