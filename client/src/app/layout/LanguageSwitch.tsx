import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changeLanguage, type Language } from '../../lib/i18n';

/** Offers the other language, named in that language (and marked with its `lang` for screen readers). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other: Language = i18n.resolvedLanguage === 'en' ? 'fr' : 'en';
  return (
    <Button variant="subtle" size="sm" lang={other} onClick={() => void changeLanguage(other)}>
      {t(`language.${other}`)}
    </Button>
  );
}
