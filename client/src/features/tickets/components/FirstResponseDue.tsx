import { Badge, Group, Text } from '@mantine/core';
import type { TicketSummary } from '@guichet/shared';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatDeadline } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/use-locale';

interface FirstResponseDueProps {
  ticket: Pick<TicketSummary, 'firstResponseDueAt' | 'firstRespondedAt'>;
  now: number;
}

export function FirstResponseDue({ ticket, now }: FirstResponseDueProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (ticket.firstRespondedAt) {
    return <Text size="sm">{t('inbox.responded')}</Text>;
  }
  if (!ticket.firstResponseDueAt) return null;

  const overdue = Date.parse(ticket.firstResponseDueAt) <= now;
  // The overdue state is said in words too, not by colour alone (WCAG 1.4.1).
  return (
    <Group gap={6} wrap="nowrap">
      {overdue && (
        <Badge color="red.9" variant="filled" radius="sm">
          {t('inbox.overdue')}
        </Badge>
      )}
      <Text size="sm" c={overdue ? 'red.9' : undefined} fw={overdue ? 600 : undefined}>
        {t('inbox.firstResponseDue')}{' '}
        <time dateTime={ticket.firstResponseDueAt} title={formatDateTime(ticket.firstResponseDueAt, locale)}>
          {formatDeadline(ticket.firstResponseDueAt, now, locale)}
        </time>
      </Text>
    </Group>
  );
}
