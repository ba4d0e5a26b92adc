/** What a QR scanner types for an enrolment code: `TKNS1|address|code`, split, or null for anything else. */
export function splitEnrolmentQr(text: string): { url: string; code: string } | null {
  const parts = text.trim().split('|');
  if (parts.length !== 3 || parts[0] !== 'TKNS1' || !parts[1] || !parts[2]) return null;
  return { url: parts[1].trim(), code: parts[2].trim() };
}
