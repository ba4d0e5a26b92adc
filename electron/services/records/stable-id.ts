import { createHash } from 'node:crypto';

// A fixed namespace for ids derived from imported content (a random UUID chosen once for this app).
const NAMESPACE = 'b2f0c0de-5a1e-4c1e-9d2a-7d3f1a6e0b42';

/** A name-based UUID (version 5 layout, SHA-1) from the given parts: the same parts always give the same id. */
export function stableId(...parts: readonly (string | number)[]): string {
  const hash = createHash('sha1').update(NAMESPACE).update(parts.map(String).join('\u001f')).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** True for a UUID in canonical text form. */
export function isUuid(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
}
