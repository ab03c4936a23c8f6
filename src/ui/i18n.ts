import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'landcheck.lang';

/** ?lang= wins, then the last choice, then zh-CN (the default language of the product). */
export function initialLanguage(search: string, storage: Pick<Storage, 'getItem'>): Language {
  const fromQuery = new URLSearchParams(search).get('lang');
  const pick = (value: string | null): Language | null =>
    value === null ? null : value.toLowerCase().startsWith('en') ? 'en' : value.toLowerCase().startsWith('zh') ? 'zh-CN' : null;
  return pick(fromQuery) ?? pick(storage.getItem(STORAGE_KEY)) ?? 'zh-CN';
}

export function rememberLanguage(storage: Pick<Storage, 'setItem'>, language: Language): void {
  storage.setItem(STORAGE_KEY, language);
}

export async function setupI18n(language: Language): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: false,
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  return i18next;
}
