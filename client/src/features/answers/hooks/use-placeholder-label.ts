import { useTranslation } from 'react-i18next';
import { isKnownPlaceholder } from '../placeholders';

/** "Prénom" for {prenom}; a placeholder nobody translated shows its own name. */
export function usePlaceholderLabel(name: string): string {
  const { t } = useTranslation();
  return isKnownPlaceholder(name) ? t(`answers.placeholder.${name}`) : name;
}
