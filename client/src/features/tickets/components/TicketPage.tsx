import { Anchor, Divider, Stack } from '@mantine/core';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiRequestError } from '../../../lib/api-client';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { PageLoader } from '../../../lib/ui/PageLoader';
import { useTicket } from '../api/get-ticket';
import { useTypingSignal } from '../hooks/use-presence';
import { useTicketShortcuts } from '../hooks/use-ticket-shortcuts';
import { useWatchTicket } from '../hooks/use-watch-ticket';
import { MessageThread } from './MessageThread';
import { PresenceBar } from './PresenceBar';
import { ReplyForm } from './ReplyForm';
import { SlaClocks } from './SlaClocks';
import { AssigneeControl } from './AssigneeControl';
import { RoutingSection } from './RoutingSection';
import { TicketContactPanels } from './TicketContactPanels';
import { TicketControls } from './TicketControls';
import { TicketHeader } from './TicketHeader';

export function TicketPage() {
  const { id = '' } = useParams<{ id: string }>();
  return <TicketView key={id} ticketId={id} />;
}

function TicketView({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const ticket = useTicket(ticketId);
  useWatchTicket(ticketId);
  const signalTyping = useTypingSignal(ticketId);
  const composerRef = useRef<HTMLDivElement>(null);
  useTicketShortcuts(ticketId, composerRef);
  useDocumentTitle(ticket.data ? `#${ticket.data.reference} ${ticket.data.subject}` : null);

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/inbox" size="sm">
        <span aria-hidden>← </span>
        {t('ticket.backToInbox')}
      </Anchor>
      {ticket.isPending && <PageLoader />}
      {ticket.isError && !ticket.data && (
        <ErrorAlert
          error={ticket.error}
          title={
            isApiRequestError(ticket.error, 404) || isApiRequestError(ticket.error, 403)
              ? t('ticket.notFound')
              : undefined
          }
          onRetry={() => void ticket.refetch()}
        />
      )}
      {ticket.data && (
        <>
          <TicketHeader ticket={ticket.data} />
          <PresenceBar ticketId={ticket.data.id} />
          <TicketControls ticket={ticket.data} />
          <AssigneeControl ticket={ticket.data} />
          <RoutingSection ticket={ticket.data} />
          <SlaClocks clocks={ticket.data.slaClocks} ticketStatus={ticket.data.status} />
          <TicketContactPanels ticket={ticket.data} />
          <Divider />
          <MessageThread
            messages={ticket.data.messages}
            ticket={{ serviceId: ticket.data.service.id, reference: ticket.data.reference }}
          />
          <Divider />
          {/* Any input in the composer tells the others who have the ticket open that I am writing. */}
          <div onInput={signalTyping} ref={composerRef}>
            <ReplyForm ticket={ticket.data} />
          </div>
        </>
      )}
    </Stack>
  );
}
