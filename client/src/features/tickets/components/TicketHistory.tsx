import { Stack, Text } from '@mantine/core';
import type { TicketHistoryEntry } from '@guichet/shared';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/use-locale';
import { useServices } from '../../../lib/use-services';
import { describeHistoryEntry } from './history-entry';

/** What happened to the ticket, oldest first: who (an agent, or Guichet itself), what, when. */
export function TicketHistory({ history }: { history: TicketHistoryEntry[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const services = useServices();
  const serviceName = (id: unknown) => services.data?.find((s) => s.id === id)?.name ?? null;
  const lines = history.flatMap((entry, index) => {
    const action = describeHistoryEntry(entry, t, serviceName);
    return action ? [{ key: index, entry, action }] : [];
  });
  if (lines.length === 0) return <Text size="sm">{t('ticketContact.noHistory')}</Text>;
  return (
    <Stack component="ol" gap={6} m={0} p={0} style={{ listStyle: 'none' }}>
      {lines.map(({ key, entry, action }) => (
        <li key={key}>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            <time dateTime={entry.at}>{formatDateTime(entry.at, locale)}</time>
            {' · '}
            {t('ticketHistory.entry', {
              actor: entry.actor?.displayName || t('ticketHistory.guichet'),
              action,
            })}
          </Text>
        </li>
      ))}
    </Stack>
  );
}
