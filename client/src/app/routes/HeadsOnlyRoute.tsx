import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../features/auth/api/get-me';
import { useDocumentTitle } from '../../lib/use-document-title';
import { canApproveReplies } from './settings-access';

/** The approval queue is for heads of a service and administrators (the server answers 403 to others). */
export function HeadsOnlyRoute({ children }: { children: ReactNode }) {
  const me = useCurrentUser();
  return canApproveReplies(me) ? children : <HeadsOnly />;
}

function HeadsOnly() {
  const { t } = useTranslation();
  useDocumentTitle(t('approvals.title'));
  return (
    <Stack gap="sm">
      <Title order={1}>{t('approvals.title')}</Title>
      <Text>{t('approvals.forbidden')}</Text>
    </Stack>
  );
}
