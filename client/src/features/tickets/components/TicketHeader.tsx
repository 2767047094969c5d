import { Anchor, Badge, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { TicketDetail } from '@guichet/shared';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { toSafeExternalUrl } from '../../../lib/safe-url';
import { contactName } from './contact-name';
import { PriorityBadge, StatusBadge } from './StatusBadge';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" fw={600}>
        {label}
      </Text>
      <Text component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

export function TicketHeader({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const contact = contactName(ticket.contact);
  const handle = ticket.contact?.handle && ticket.contact.handle !== contact ? ticket.contact.handle : null;
  const permalink = toSafeExternalUrl(ticket.context?.permalink);

  return (
    <Stack gap="sm" component="header">
      <Group gap="sm">
        <Text fw={600}>{t('ticket.reference', { reference: ticket.reference })}</Text>
        <StatusBadge status={ticket.status} />
        <PriorityBadge priority={ticket.priority} />
        {ticket.sensitive && (
          <Badge color="red.9" variant="outline">
            {t('ticket.sensitive')}
          </Badge>
        )}
        {ticket.tags.map((tag) => (
          <Badge key={tag} color="gray.8" variant="outline" tt="none">
            {tag}
          </Badge>
        ))}
      </Group>
      <Title order={1} style={{ overflowWrap: 'anywhere' }}>
        {ticket.subject}
      </Title>
      <SimpleGrid component="dl" cols={{ base: 1, xs: 2, md: 4 }} spacing="md" m={0}>
        <Field label={t('ticket.service')}>{ticket.service.name}</Field>
        <Field label={t('ticket.contact')}>
          {ticket.contact ? (
            <Anchor component={Link} to={`/contacts/${ticket.contact.id}`}>
              {contact ?? t('inbox.unknownContact')}
            </Anchor>
          ) : (
            t('inbox.unknownContact')
          )}
          {handle && <Text span size="sm">{` (${handle})`}</Text>}
        </Field>
        <Field label={t('ticket.platform')}>{t(`platform.${ticket.platform}`)}</Field>
        <Field label={t('ticket.assignee')}>{ticket.assignee?.displayName ?? t('ticket.unassigned')}</Field>
      </SimpleGrid>
      {ticket.previousTicket && (
        <Anchor component={Link} to={`/tickets/${ticket.previousTicket.id}`} size="sm">
          {t('ticket.follows', { reference: ticket.previousTicket.reference })}
        </Anchor>
      )}
      {permalink && (
        <Anchor href={permalink} target="_blank" rel="noopener noreferrer nofollow" size="sm">
          {t('ticket.originalPost')}
        </Anchor>
      )}
    </Stack>
  );
}
