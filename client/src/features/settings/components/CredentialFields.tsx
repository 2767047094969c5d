import { PasswordInput, Text } from '@mantine/core';
import type { Platform } from '@guichet/shared';
import { useTranslation } from 'react-i18next';
import {
  CREDENTIAL_FIELDS,
  type AccountDraft,
  type AccountErrors,
  type CredentialKey,
} from '../channel-account-form';

interface CredentialFieldsProps {
  platform: Platform;
  values: AccountDraft['credentials'];
  errors: AccountErrors;
  onChange: (key: CredentialKey, value: string) => void;
  autoFocus?: boolean;
}

/** The platform's secrets, typed blind: they are write-only, the server never sends them back. */
export function CredentialFields({ platform, values, errors, onChange, autoFocus }: CredentialFieldsProps) {
  const { t } = useTranslation();
  const keys = CREDENTIAL_FIELDS[platform];
  if (keys.length === 0) return <Text size="sm">{t('channelAccounts.noCredentialNeeded')}</Text>;
  return (
    <>
      {keys.map((key, index) => {
        const error = errors[`credentials.${key}`]?.join(' ');
        return (
          <PasswordInput
            key={key}
            label={t(`channelAccounts.credential.${key}`)}
            value={values[key] ?? ''}
            onChange={(event) => onChange(key, event.currentTarget.value)}
            error={error}
            // Mantine's PasswordInput marks the wrapper, not the input itself.
            aria-invalid={error ? true : undefined}
            withAsterisk
            aria-required
            autoComplete="off"
            spellCheck={false}
            visibilityToggleButtonProps={{ 'aria-label': t('channelAccounts.showToken') }}
            visibilityToggleFocusable
            data-autofocus={autoFocus && index === 0 ? true : undefined}
          />
        );
      })}
    </>
  );
}
