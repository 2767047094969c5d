import { Badge, Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import type { ChannelAccountView } from '@guichet/shared';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatRelativeTime } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/use-locale';
import { ErrorIcon } from '../../../lib/ui/ErrorIcon';
import { useNow } from '../../../lib/use-now';
import { CREDENTIAL_FIELDS } from '../channel-account-form';

interface ChannelAccountsTableProps {
  accounts: ChannelAccountView[];
  /** The account whose status is being changed, if any. */
  pendingId: string | null;
  onToggleStatus: (account: ChannelAccountView) => void;
  onReplaceToken: (account: ChannelAccountView) => void;
}

export function ChannelAccountsTable({
  accounts,
  pendingId,
  onToggleStatus,
  onReplaceToken,
}: ChannelAccountsTableProps) {
  const { t } = useTranslation();
  const now = useNow(15_000);
  return (
    <Table.ScrollContainer minWidth={1080}>
      <Table striped withTableBorder verticalSpacing="xs" captionSide="top">
        <Table.Caption>
          <Text size="sm" ta="start">
            {t('channelAccounts.tableCaption')}
          </Text>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('channelAccounts.platform')}</Table.Th>
            <Table.Th scope="col">{t('channelAccounts.name')}</Table.Th>
            <Table.Th scope="col">{t('channelAccounts.externalId')}</Table.Th>
            <Table.Th scope="col">{t('channelAccounts.status')}</Table.Th>
            <Table.Th scope="col">{t('channelAccounts.lastWebhook')}</Table.Th>
            <Table.Th scope="col">{t('channelAccounts.lastPoll')}</Table.Th>
            <Table.Th scope="col">{t('channelAccounts.nextPoll')}</Table.Th>
            <Table.Th scope="col">{t('channelAccounts.lastError')}</Table.Th>
            <Table.Th scope="col">{t('channelAccounts.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {accounts.map((account) => (
            <AccountRow
              key={account.id}
              account={account}
              now={now}
              pending={pendingId === account.id}
              onToggleStatus={onToggleStatus}
              onReplaceToken={onReplaceToken}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

interface AccountRowProps {
  account: ChannelAccountView;
  now: number;
  pending: boolean;
  onToggleStatus: (account: ChannelAccountView) => void;
  onReplaceToken: (account: ChannelAccountView) => void;
}

function AccountRow({ account, now, pending, onToggleStatus, onReplaceToken }: AccountRowProps) {
  const { t } = useTranslation();
  const active = account.status === 'active';
  const usesTokens = CREDENTIAL_FIELDS[account.platform].length > 0;
  const quoted = t('channelAccounts.ofAccount', { name: account.name });
  return (
    <Table.Tr data-account={account.id}>
      <Table.Td>{t(`channelAccounts.platformName.${account.platform}`)}</Table.Td>
      <Table.Th scope="row" fw={600} style={{ overflowWrap: 'break-word', minWidth: '9rem' }}>
        {account.name}
        {account.baseUrl && (
          <Text size="xs" fw={400} style={{ overflowWrap: 'anywhere', minWidth: '9rem' }}>
            {account.baseUrl}
          </Text>
        )}
      </Table.Th>
      <Table.Td style={{ overflowWrap: 'break-word' }}>
        <code>{account.externalId}</code>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Stack gap={4} align="flex-start">
          <Badge
            // In a table cell Mantine's ellipsis would cut the status down to its first letter.
            styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}
            color={active ? 'teal.9' : 'gray.7'}
            variant={active ? 'filled' : 'outline'}
          >
            {t(`channelAccounts.statusValue.${account.status}`)}
          </Badge>
          {usesTokens && !account.hasCredentials && (
            <Text size="xs">{t('channelAccounts.noCredentials')}</Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        <When now={now} iso={account.lastWebhookAt} empty={t('channelAccounts.never')} />
      </Table.Td>
      <Table.Td>
        <When now={now} iso={account.lastPolledAt} empty={t('channelAccounts.never')} />
      </Table.Td>
      <Table.Td>
        <When now={now} iso={account.nextPollAt} empty={t('channelAccounts.notScheduled')} />
      </Table.Td>
      <Table.Td style={{ minWidth: '14rem' }}>
        {account.lastError ? (
          <Group gap={6} wrap="nowrap" align="flex-start" c="red.9">
            <ErrorIcon />
            <Text size="sm" c="red.9" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
              <strong>{t('channelAccounts.errorLabel')}</strong> {account.lastError}
            </Text>
          </Group>
        ) : (
          t('channelAccounts.noError')
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Button
            variant="default"
            size="xs"
            onClick={() => onToggleStatus(account)}
            aria-disabled={pending || undefined}
          >
            {active ? t('channelAccounts.pause') : t('channelAccounts.resume')}
            <VisuallyHidden> {quoted}</VisuallyHidden>
          </Button>
          {usesTokens && (
            <Button variant="subtle" size="xs" onClick={() => onReplaceToken(account)}>
              {t('channelAccounts.replaceToken')}
              <VisuallyHidden> {t('channelAccounts.tokenOf', { name: account.name })}</VisuallyHidden>
            </Button>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** A relative time ("il y a 3 minutes"), with the full date for whoever wants it. */
function When({ iso, empty, now }: { iso: string | null; empty: string; now: number }) {
  const locale = useLocale();
  if (!iso) return <>{empty}</>;
  const full = formatDateTime(iso, locale);
  return (
    <time dateTime={iso} title={full}>
      {formatRelativeTime(iso, now, locale)}
    </time>
  );
}
