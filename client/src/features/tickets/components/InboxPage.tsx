import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSessionUser } from '../../../lib/use-session-user';
import { useLocale } from '../../../lib/i18n/use-locale';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { PageLoader } from '../../../lib/ui/PageLoader';
import { useTickets } from '../api/list-tickets';
import { useInboxFilters } from '../hooks/use-inbox-filters';
import { InboxFilters } from './InboxFilters';
import { InboxViews } from './InboxViews';
import { TicketList } from './TicketList';

export function InboxPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useSessionUser();
  const [filter, setFilter] = useInboxFilters();
  const tickets = useTickets(filter);
  useDocumentTitle(t('inbox.title'));

  const first = tickets.data?.pages[0];
  const items = tickets.data?.pages.flatMap((page) => page.items) ?? [];
  const total = first
    ? `${new Intl.NumberFormat(locale).format(first.total)}${first.totalIsCapped ? '+' : ''}`
    : '';

  return (
    <Stack gap="md">
      <Title order={1}>{t('inbox.title')}</Title>
      <InboxViews
        value={filter.view ?? 'services'}
        onChange={(view) => setFilter({ view: view === 'services' ? undefined : view })}
        isAdmin={me.role === 'admin'}
      />
      <InboxFilters filter={filter} onChange={setFilter} />

      {tickets.isPending && <PageLoader />}
      {tickets.isError && <ErrorAlert error={tickets.error} onRetry={() => void tickets.refetch()} />}
      {first && (
        <>
          <Text size="sm" role="status">
            {t('inbox.count', { count: first.total, total })}
          </Text>
          {/* The list stays in the page when empty: live tickets will land in it. */}
          <Paper withBorder={items.length > 0}>
            <TicketList tickets={items} />
          </Paper>
          {items.length === 0 && <Text>{t('inbox.empty')}</Text>}
          {tickets.hasNextPage && (
            <Group justify="center">
              <Button
                variant="default"
                loading={tickets.isFetchingNextPage}
                onClick={() => void tickets.fetchNextPage()}
              >
                {t('inbox.loadMore', { shown: items.length })}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
