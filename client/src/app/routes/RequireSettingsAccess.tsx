import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import { useCurrentUser } from '../../features/auth/api/get-me';
import { useDocumentTitle } from '../../lib/use-document-title';
import { canOpenSettings } from './settings-access';

/** The settings are for service heads and administrators; the server enforces it too. */
export function RequireSettingsAccess() {
  const me = useCurrentUser();
  return canOpenSettings(me.role) ? <Outlet /> : <SettingsForbidden />;
}

// Its own component: a title effect here would run after the page's own (effects run child first) and blank it.
function SettingsForbidden() {
  const { t } = useTranslation();
  useDocumentTitle(t('settings.title'));
  return (
    <Stack gap="sm">
      <Title order={1}>{t('settings.title')}</Title>
      <Text>{t('settings.forbidden')}</Text>
    </Stack>
  );
}
