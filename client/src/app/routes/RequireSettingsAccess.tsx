import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import { useCurrentUser } from '../../features/auth/api/get-me';
import { useDocumentTitle } from '../../lib/use-document-title';
import { canOpenSettings } from './settings-access';

/** The settings are for service heads and administrators; the server enforces it too. */
export function RequireSettingsAccess() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const allowed = canOpenSettings(me.role);
  useDocumentTitle(allowed ? null : t('settings.title'));
  if (allowed) return <Outlet />;
  return (
    <Stack gap="sm">
      <Title order={1}>{t('settings.title')}</Title>
      <Text>{t('settings.forbidden')}</Text>
    </Stack>
  );
}
