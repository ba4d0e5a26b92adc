const DAY_MS = 86_400_000;
const VN_OFFSET_MS = 7 * 3_600_000;

/** A calendar date in Vietnam time (UTC+7, no daylight saving) as YYYY-MM-DD. */
export function vnDate(epochMs: number): string {
  return new Date(epochMs + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Monday (Vietnam time) of the week holding `epochMs`, as YYYY-MM-DD. */
export function vnWeekStart(epochMs: number): string {
  const day = Math.floor((epochMs + VN_OFFSET_MS) / DAY_MS);
  // 1970-01-01 was a Thursday: counting Monday as 0, it is weekday 3.
  const weekday = (((day + 3) % 7) + 7) % 7;
  return new Date((day - weekday) * DAY_MS).toISOString().slice(0, 10);
}

const dayDigits = new Map<number, number[]>();
const MAX_ISO_MS = 253_402_300_800_000; // 10000-01-01: past it toISOString uses a six-digit year

/** The character codes of "YYYY-MM-DD" for a day counted from 1970-01-01 (civil calendar arithmetic). */
function dateCodes(day: number): number[] {
  let codes = dayDigits.get(day);
  if (!codes) {
    const z = day + 719_468;
    const era = Math.floor(z / 146_097);
    const doe = z - era * 146_097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const m = mp < 10 ? mp + 3 : mp - 9;
    const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    codes = [48 + (Math.floor(y / 1000) % 10), 48 + (Math.floor(y / 100) % 10), 48 + (Math.floor(y / 10) % 10), 48 + (y % 10), 45, 48 + Math.floor(m / 10), 48 + (m % 10), 45, 48 + Math.floor(d / 10), 48 + (d % 10)];
    if (dayDigits.size > 100_000) dayDigits.clear();
    dayDigits.set(day, codes);
  }
  return codes;
}

/**
 * `new Date(ms).toISOString()`, several times faster: loading 100,000 people turns some 250,000
 * numbers into these strings, and the native call is the slow part of start-up.
 */
export function isoFromMs(ms: number): string {
  if (!(ms >= 0 && ms < MAX_ISO_MS) || !Number.isInteger(ms)) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY_MS);
  const c = dateCodes(day);
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const mi = Math.floor(rest / 60_000);
  rest -= mi * 60_000;
  const s = Math.floor(rest / 1000);
  const f = rest - s * 1000;
  return String.fromCharCode(
    c[0]!, c[1]!, c[2]!, c[3]!, c[4]!, c[5]!, c[6]!, c[7]!, c[8]!, c[9]!,
    84, 48 + Math.floor(h / 10), 48 + (h % 10), 58, 48 + Math.floor(mi / 10), 48 + (mi % 10), 58, 48 + Math.floor(s / 10), 48 + (s % 10),
    46, 48 + Math.floor(f / 100), 48 + (Math.floor(f / 10) % 10), 48 + (f % 10), 90,
  );
}
