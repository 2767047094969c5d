import { Button, Group, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ChannelAccountView } from '@guichet/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { errorMessage } from '../../../lib/ui/error-message';
import { PageLoader } from '../../../lib/ui/PageLoader';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useChannelAccounts, useUpdateChannelAccount } from '../api/channel-accounts';
import { ChannelAccountsTable } from './ChannelAccountsTable';
import { ConnectAccountModal } from './ConnectAccountModal';
import { ReplaceTokenModal } from './ReplaceTokenModal';

interface ChannelAccountsPageProps {
  /** Administrators only; others are told so rather than shown a 403. */
  canManage: boolean;
}

/** /settings/channels: the town's accounts, their health, pause, tokens. */
export function ChannelAccountsPage({ canManage }: ChannelAccountsPageProps) {
  return canManage ? <ChannelAccountsManager /> : <ChannelAccountsForbidden />;
}

function ChannelAccountsForbidden() {
  const { t } = useTranslation();
  useDocumentTitle(t('channelAccounts.title'));
  return (
    <Stack gap="sm">
      <Title order={1}>{t('channelAccounts.title')}</Title>
      <Text>{t('channelAccounts.forbidden')}</Text>
    </Stack>
  );
}

function ChannelAccountsManager() {
  const { t } = useTranslation();
  const accounts = useChannelAccounts();
  const update = useUpdateChannelAccount();
  const [connecting, setConnecting] = useState(false);
  const [replacing, setReplacing] = useState<ChannelAccountView | null>(null);
  const [announcement, setAnnouncement] = useState('');
  useDocumentTitle(t('channelAccounts.title'));

  const toggleStatus = (account: ChannelAccountView) => {
    if (update.isPending) return;
    const status = account.status === 'active' ? 'paused' : 'active';
    setAnnouncement('');
    update.mutate(
      { id: account.id, request: { status } },
      {
        onSuccess: (saved) =>
          setAnnouncement(
            t(saved.status === 'paused' ? 'channelAccounts.paused' : 'channelAccounts.resumed', {
              name: saved.name,
            }),
          ),
        onError: (failure) =>
          notifications.show({
            color: 'red',
            title: t('channelAccounts.statusFailedTitle'),
            message: errorMessage(failure, t),
            closeButtonProps: { 'aria-label': t('common.close') },
          }),
      },
    );
  };

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('channelAccounts.title')}</Title>
        <Text mt="xs">{t('channelAccounts.intro')}</Text>
        <Text mt="xs" size="sm">
          {t('channelAccounts.tokensHelp')}
        </Text>
      </div>

      {accounts.isPending && <PageLoader />}
      {accounts.isError && !accounts.data && (
        <ErrorAlert error={accounts.error} onRetry={() => void accounts.refetch()} />
      )}
      {accounts.data &&
        (accounts.data.length === 0 ? (
          <Text>{t('channelAccounts.empty')}</Text>
        ) : (
          <ChannelAccountsTable
            accounts={accounts.data}
            pendingId={update.isPending ? update.variables.id : null}
            onToggleStatus={toggleStatus}
            onReplaceToken={setReplacing}
          />
        ))}
      {accounts.data && (
        <Group>
          <Button onClick={() => setConnecting(true)}>{t('channelAccounts.connect')}</Button>
        </Group>
      )}
      <VisuallyHidden role="status">{announcement}</VisuallyHidden>

      <ConnectAccountModal opened={connecting} onClose={() => setConnecting(false)} />
      <ReplaceTokenModal account={replacing} onClose={() => setReplacing(null)} />
    </Stack>
  );
}
