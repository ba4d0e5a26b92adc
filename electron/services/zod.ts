import { z } from 'zod';

// Validation messages reach staff and content authors: Vietnamese, from zod's own locale.
z.config(z.locales.vi());

export { z };

/** Turns zod issues into per-field Vietnamese messages, keyed by JSON path (the first message for each field). */
export function fieldsFromIssues(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '(gốc)';
    fields[key] ??= issue.message;
  }
  return fields;
}
