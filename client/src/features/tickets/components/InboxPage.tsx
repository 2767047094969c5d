import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { PageLoader } from '../../../lib/ui/PageLoader';
import { useTickets } from '../api/list-tickets';
import { useInboxSort } from '../hooks/use-inbox-sort';
import { useStatusFilter } from '../hooks/use-status-filter';
import { SortSelect } from './SortSelect';
import { StatusFilter } from './StatusFilter';
import { TicketList } from './TicketList';

export function InboxPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useStatusFilter();
  const [sort, setSort] = useInboxSort();
  const tickets = useTickets({ status, sort: sort === 'due' ? 'due' : undefined });
  useDocumentTitle(t('inbox.title'));

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('inbox.title')}</Title>
        <Group gap="sm" align="flex-end">
          <StatusFilter value={status} onChange={setStatus} />
          <SortSelect value={sort} onChange={setSort} />
        </Group>
      </Group>

      {tickets.isPending && <PageLoader />}
      {tickets.isError && <ErrorAlert error={tickets.error} onRetry={() => void tickets.refetch()} />}
      {tickets.data && (
        <>
          {/* The list stays in the page when empty: live tickets will land in it. */}
          <Paper withBorder={tickets.data.items.length > 0}>
            <TicketList tickets={tickets.data.items} />
          </Paper>
          {tickets.data.items.length === 0 && <Text>{t('inbox.empty')}</Text>}
          {tickets.data.total > tickets.data.items.length && (
            <Text size="sm">
              {t(sort === 'due' ? 'inbox.showingDue' : 'inbox.showing', {
                shown: tickets.data.items.length,
                total: tickets.data.total,
              })}
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}
