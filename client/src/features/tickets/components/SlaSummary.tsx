import { Stack, Text } from '@mantine/core';
import type { TicketSummary } from '@guichet/shared';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatDeadline } from '../../../lib/format';
import { ceilMinutes, floorMinutes, formatBusinessDuration } from '../../../lib/format-durations';
import { useLocale } from '../../../lib/i18n/use-locale';

interface SlaSummaryProps {
  ticket: Pick<TicketSummary, 'sla' | 'status'>;
  now: number;
}

/** The row's clock, said in words (WCAG 1.4.1): the colour only repeats what the text says. */
export function SlaSummary({ ticket, now }: SlaSummaryProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const sla = ticket.sla;
  if (!sla) return null;
  const kind = t(`sla.kind.${sla.kind}`);

  if (sla.state === 'paused' || !sla.dueAt) {
    return (
      <Stack gap={0} align="inherit">
        <Text size="sm" fw={600}>
          {ticket.status === 'pending' ? t('sla.pausedCitizen') : t('sla.paused')}
        </Text>
        <Text size="sm">
          {sla.remainingMinutes < 0
            ? t('sla.pausedLate', {
                kind,
                duration: formatBusinessDuration(ceilMinutes(-sla.remainingMinutes), t),
              })
            : t('sla.pausedRemaining', {
                kind,
                duration: formatBusinessDuration(floorMinutes(sla.remainingMinutes), t),
              })}
        </Text>
      </Stack>
    );
  }

  const dueAt = Date.parse(sla.dueAt);
  const overdue = sla.state === 'overdue' || dueAt <= now;
  // Staffed time left can never exceed the real time left: this keeps a snapshot honest until the next fetch.
  const remaining = Math.min(sla.remainingMinutes, (dueAt - now) / 60_000);
  const headline = !overdue
    ? t('sla.remaining', { duration: formatBusinessDuration(floorMinutes(remaining), t) })
    : sla.remainingMinutes < 0
      ? t('sla.lateBy', { duration: formatBusinessDuration(ceilMinutes(-sla.remainingMinutes), t) })
      : t('sla.late');

  return (
    <Stack gap={0} align="inherit">
      <Text size="sm" fw={overdue ? 700 : 600} c={overdue ? 'red.9' : undefined}>
        {headline}
      </Text>
      <Text size="sm">
        {t('sla.dueAt', { kind })}{' '}
        <time dateTime={sla.dueAt} title={formatDateTime(sla.dueAt, locale)}>
          {formatDeadline(sla.dueAt, now, locale)}
        </time>
      </Text>
    </Stack>
  );
}
