import type { LocalizedText } from '../../../electron/api/types';

/** Text in the chosen language, falling back to Vietnamese, with the language it is really in. */
export function pick(text: LocalizedText | undefined, language: 'vi' | 'en'): { text: string; lang: 'vi' | 'en' } {
  if (!text) return { text: '', lang: language };
  return language === 'en' && text.en ? { text: text.en, lang: 'en' } : { text: text.vi, lang: 'vi' };
}
