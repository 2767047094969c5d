import { Accordion } from '@mantine/core';
import type { TicketDetail } from '@guichet/shared';
import { useTranslation } from 'react-i18next';
import { ContactTickets } from './ContactTickets';
import { TicketHistory } from './TicketHistory';

/**
 * The contact's other requests and the ticket's history, folded so that the thread stays near the
 * top; the other requests start open when there are some.
 */
export function TicketContactPanels({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  return (
    <Accordion
      multiple
      variant="separated"
      order={2}
      defaultValue={ticket.contactTickets.length > 0 ? ['contact-tickets'] : []}
    >
      {ticket.contact && (
        <Accordion.Item value="contact-tickets">
          <Accordion.Control>
            {t('ticketContact.otherTickets')} ({ticket.contactTickets.length})
          </Accordion.Control>
          <Accordion.Panel>
            <ContactTickets tickets={ticket.contactTickets} />
          </Accordion.Panel>
        </Accordion.Item>
      )}
      <Accordion.Item value="history">
        <Accordion.Control>{t('ticketContact.history')}</Accordion.Control>
        <Accordion.Panel>
          <TicketHistory history={ticket.history} />
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
