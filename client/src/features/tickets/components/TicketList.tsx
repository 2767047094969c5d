import type { TicketSummary } from '@guichet/shared';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../../lib/use-now';
import { TicketRow } from './TicketRow';

export function TicketList({ tickets }: { tickets: TicketSummary[] }) {
  const { t } = useTranslation();
  const now = useNow();
  return (
    <ul aria-label={t('inbox.listLabel')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {tickets.map((ticket) => (
        <TicketRow key={ticket.id} ticket={ticket} now={now} />
      ))}
    </ul>
  );
}
