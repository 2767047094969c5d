import { Badge, Group, Stack, Text, VisuallyHidden } from '@mantine/core';
import type { TicketSummary } from '@guichet/shared';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime, formatRelativeTime } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/use-locale';
import { contactName } from './contact-name';
import { SlaSummary } from './SlaSummary';
import { PriorityBadge, StatusBadge } from './StatusBadge';
import classes from './TicketRow.module.css';

interface TicketRowProps {
  ticket: TicketSummary;
  now: number;
}

export function TicketRow({ ticket, now }: TicketRowProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const meta: Array<{ label: string; value: ReactNode }> = [
    { label: t('inbox.serviceLabel'), value: ticket.service.name },
    { label: t('inbox.platformLabel'), value: t(`platform.${ticket.platform}`) },
    { label: t('inbox.contactLabel'), value: contactName(ticket.contact) ?? t('inbox.unknownContact') },
  ];

  return (
    <li className={classes.row}>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4} flex="1 1 20rem" miw={0}>
          <Link to={`/tickets/${ticket.id}`} className={classes.link} data-row-link>
            <span className={classes.reference}>#{ticket.reference}</span>{' '}
            <span className={classes.subject}>{ticket.subject}</span>
          </Link>
          <Text size="sm" className={classes.meta}>
            {meta.map((item, index) => (
              <Fragment key={item.label}>
                {index > 0 && (
                  <span className={classes.separator} aria-hidden>
                    ·
                  </span>
                )}
                <VisuallyHidden>{item.label} </VisuallyHidden>
                {item.value}
              </Fragment>
            ))}
          </Text>
        </Stack>
        <Stack gap={4} className={classes.side}>
          <Group gap={6}>
            <PriorityBadge priority={ticket.priority} />
            <StatusBadge status={ticket.status} />
            {ticket.awaitingApproval && (
              // Violet 9 on white: 7:1 (an outline badge's text is its colour).
              <Badge color="violet.9" variant="outline" radius="sm" title={t('inbox.awaitingApprovalHint')}>
                {t('inbox.awaitingApproval')}
              </Badge>
            )}
          </Group>
          <Text size="sm">
            <VisuallyHidden>{t('inbox.lastActivity')} </VisuallyHidden>
            <time dateTime={ticket.lastMessageAt} title={formatDateTime(ticket.lastMessageAt, locale)}>
              {formatRelativeTime(ticket.lastMessageAt, now, locale)}
            </time>
          </Text>
          <SlaSummary ticket={ticket} now={now} />
        </Stack>
      </Group>
    </li>
  );
}
