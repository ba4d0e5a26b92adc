/** Shortest passphrase the core accepts for a sealed bundle (seal.ts says the same). */
export const MIN_PASSPHRASE = 10;

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A random passphrase easy to read out on the phone: four groups of four letters and digits without look-alikes. */
export function randomPassphrase(random: (n: number) => number = secureIndex): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let group = '';
    for (let i = 0; i < 4; i++) group += ALPHABET[random(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/** A uniform index below `n` from the browser's cryptographic generator. */
function secureIndex(n: number): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  const buffer = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buffer);
    if (buffer[0]! < limit) return buffer[0]! % n;
  }
}
