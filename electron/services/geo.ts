import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from './zod';

const GeoSchema = z.object({
  provinces: z.array(
    z.object({
      code: z.string().regex(/^\d{2}$/),
      name: z.string().min(1),
      communes: z.array(z.object({ code: z.string().regex(/^\d{5}$/), name: z.string().min(1) })),
    }),
  ),
});

/** A province or commune: official code and NFC name. */
export interface Place {
  code: string;
  name: string;
}

/** The two-level administrative map (province → commune) from the bundled data file. */
export class GeoDirectory {
  private readonly provinces: (Place & { communes: Place[] })[];

  constructor(resourcesDir: string) {
    const raw: unknown = JSON.parse(readFileSync(path.join(resourcesDir, 'geo', 'don-vi-hanh-chinh.json'), 'utf8'));
    this.provinces = GeoSchema.parse(raw).provinces.map((p) => ({
      code: p.code,
      name: p.name.normalize('NFC'),
      communes: p.communes.map((c) => ({ code: c.code, name: c.name.normalize('NFC') })),
    }));
  }

  /** All provinces and centrally-run cities, in official order. */
  listProvinces(): Place[] {
    return this.provinces.map(({ code, name }) => ({ code, name }));
  }

  /** The communes, wards and special zones of a province, or null for an unknown code. */
  listCommunes(provinceCode: string): Place[] | null {
    return this.provinces.find((p) => p.code === provinceCode)?.communes ?? null;
  }

  /** A commune's name and its province's, from the commune's code alone (codes are unique across the map), or null. */
  communeByCode(communeCode: string): { province: Place; commune: Place } | null {
    for (const p of this.provinces) {
      const commune = p.communes.find((c) => c.code === communeCode);
      if (commune) return { province: { code: p.code, name: p.name }, commune };
    }
    return null;
  }

  /** Names for a province/commune pair, or null when the commune is not in that province. */
  resolve(provinceCode: string, communeCode: string): { province: string; commune: string } | null {
    const province = this.provinces.find((p) => p.code === provinceCode);
    const commune = province?.communes.find((c) => c.code === communeCode);
    return province && commune ? { province: province.name, commune: commune.name } : null;
  }
}
