import { TICKET_STATUSES, type TicketStatus } from '@guichet/shared';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

function isTicketStatus(value: string | null): value is TicketStatus {
  return value !== null && (TICKET_STATUSES as readonly string[]).includes(value);
}

/** The inbox status filter lives in the URL (?status=open), so it survives reloads and can be shared. */
export function useStatusFilter(): [TicketStatus | undefined, (status: TicketStatus | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status = isTicketStatus(raw) ? raw : undefined;
  const setStatus = useCallback(
    (next: TicketStatus | undefined) => {
      setParams(
        (current) => {
          const updated = new URLSearchParams(current);
          if (next) updated.set('status', next);
          else updated.delete('status');
          return updated;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return [status, setStatus];
}
