import { site } from '../config.ts';
import zh from './zh.ts';
import en from './en.ts';

/** The UI dictionary for the configured language. */
export const t = site.uiLang === 'en' ? en : zh;
export const htmlLang = site.uiLang === 'en' ? 'en' : 'zh-CN';

export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
