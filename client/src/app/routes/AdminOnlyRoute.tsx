import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../features/auth/api/get-me';
import { useDocumentTitle } from '../../lib/use-document-title';

/** Routing and services are the administrators' (the server answers 403 to anyone else). */
export function AdminOnlyRoute({ children }: { children: ReactNode }) {
  const me = useCurrentUser();
  return me.role === 'admin' ? children : <AdminOnly />;
}

function AdminOnly() {
  const { t } = useTranslation();
  useDocumentTitle(t('settings.title'));
  return (
    <Stack gap="sm">
      <Title order={1}>{t('settings.title')}</Title>
      <Text>{t('settings.adminOnly')}</Text>
    </Stack>
  );
}
