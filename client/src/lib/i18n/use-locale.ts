import { useTranslation } from 'react-i18next';

const LOCALES: Record<string, string> = { fr: 'fr-FR', en: 'en-GB' };

/** The BCP 47 locale for Intl formatting of the current UI language (24-hour clock in both). */
export function useLocale(): string {
  const { i18n } = useTranslation();
  return LOCALES[i18n.resolvedLanguage ?? 'fr'] ?? 'fr-FR';
}
