import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiRequestError } from '../../../lib/api-client';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { PageLoader } from '../../../lib/ui/PageLoader';
import { contactName } from '../../tickets/components/contact-name';
import { TicketList } from '../../tickets/components/TicketList';
import { useContact } from '../api/contacts';
import { ContactIdentities } from './ContactIdentities';
import { ContactTags } from './ContactTags';
import { MergeContactDialog } from './MergeContactDialog';

// The server sends at most this many of the person's tickets.
const TICKETS_SHOWN = 50;

export function ContactPage() {
  const { id = '' } = useParams<{ id: string }>();
  return <ContactView key={id} contactId={id} />;
}

/** A citizen across channels: their accounts, tags and requests; merging another contact into them. */
function ContactView({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const contact = useContact(contactId);
  const [merging, setMerging] = useState(false);
  const ticketsHeadingId = useId();
  const name = contact.data ? (contactName(contact.data) ?? t('contactPage.unnamed')) : null;
  useDocumentTitle(name);

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/inbox" size="sm">
        <span aria-hidden>← </span>
        {t('contactPage.backToInbox')}
      </Anchor>
      {contact.isPending && <PageLoader />}
      {contact.isError && !contact.data && (
        <ErrorAlert
          error={contact.error}
          title={
            isApiRequestError(contact.error, 404) || isApiRequestError(contact.error, 403)
              ? t('contactPage.notFound')
              : undefined
          }
          onRetry={() => void contact.refetch()}
        />
      )}
      {contact.data && (
        <>
          <Group justify="space-between" align="flex-start">
            <Title order={1} style={{ overflowWrap: 'anywhere' }}>
              {name}
            </Title>
            <Button variant="default" onClick={() => setMerging(true)}>
              {t('contactMerge.open')}
            </Button>
          </Group>
          <ContactIdentities identities={contact.data.identities} />
          {/* Remounted when the saved tags change (a save, a merge): the field starts from them. */}
          <ContactTags key={contact.data.tags.join('\n')} contact={contact.data} pageId={contactId} />
          <Stack component="section" gap="sm" aria-labelledby={ticketsHeadingId}>
            <Title order={2} size="h3" id={ticketsHeadingId}>
              {t('contactPage.ticketsTitle')}
            </Title>
            {contact.data.tickets.length === 0 ? (
              <Text size="sm">{t('contactPage.noTickets')}</Text>
            ) : (
              <TicketList tickets={contact.data.tickets} />
            )}
            {contact.data.tickets.length >= TICKETS_SHOWN && (
              <Text size="sm">{t('contactPage.ticketsLimit')}</Text>
            )}
          </Stack>
          <MergeContactDialog
            opened={merging}
            onClose={() => setMerging(false)}
            contact={contact.data}
            pageId={contactId}
          />
        </>
      )}
    </Stack>
  );
}
