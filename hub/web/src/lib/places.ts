import type { Place } from '../../../../electron/services/geo';
import { call } from '../api';

const communes = new Map<string, Promise<Place[]>>();
let provinces: Promise<Place[]> | null = null;

/** The provinces on the map, asked of the hub once (again after a failure). */
export function loadProvinces(): Promise<Place[]> {
  provinces ??= call('geo:provinces', {}).then((r) => {
    if (r.ok) return r.value.provinces;
    provinces = null;
    return [];
  });
  return provinces;
}

/** A province's communes, asked of the hub once per province (again after a failure). */
export function loadCommunes(provinceCode: string): Promise<Place[]> {
  let list = communes.get(provinceCode);
  if (!list) {
    list = call('geo:communes', { provinceCode }).then((r) => {
      if (r.ok) return r.value.communes;
      communes.delete(provinceCode);
      return [];
    });
    communes.set(provinceCode, list);
  }
  return list;
}
