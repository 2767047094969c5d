import { Anchor, Group, Stack, Text } from '@mantine/core';
import type { TicketSummary } from '@guichet/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/use-locale';
import { StatusBadge } from './StatusBadge';

/** The contact's other tickets, newest activity first: a link each, with channel, service and status. */
export function ContactTickets({ tickets }: { tickets: TicketSummary[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (tickets.length === 0) return <Text size="sm">{t('ticketContact.noOtherTickets')}</Text>;
  return (
    <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }}>
      {tickets.map((ticket) => (
        <li key={ticket.id}>
          <Group gap="xs" wrap="nowrap" align="baseline">
            <StatusBadge status={ticket.status} />
            <Stack gap={0} miw={0}>
              <Anchor
                component={Link}
                to={`/tickets/${ticket.id}`}
                size="sm"
                style={{ overflowWrap: 'anywhere' }}
              >
                #{ticket.reference} {ticket.subject}
              </Anchor>
              <Text size="xs">
                {t(`platform.${ticket.platform}`)} · {ticket.service.name} ·{' '}
                <time dateTime={ticket.lastMessageAt}>{formatDateTime(ticket.lastMessageAt, locale)}</time>
              </Text>
            </Stack>
          </Group>
        </li>
      ))}
    </Stack>
  );
}
