import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionUser } from '../../../lib/use-session-user';
import { useShortcuts } from '../../../lib/use-shortcut';
import { notifyFailure, notifySuccess } from '../../../lib/ui/notify';
import { useUpdateTicket } from '../api/update-ticket';

/** r: write a reply, e: resolve, a: assign to me — on the open ticket page. */
export function useTicketShortcuts(ticketId: string, composer: RefObject<HTMLElement | null>): void {
  const { t } = useTranslation();
  const me = useSessionUser();
  const update = useUpdateTicket(ticketId);
  const change = (changes: Parameters<typeof update.mutate>[0], done: string) =>
    update.mutate(changes, {
      onSuccess: () => notifySuccess(t, done),
      onError: (failure) => notifyFailure(t, t('ticketControls.failedTitle'), failure),
    });
  useShortcuts({
    r: () => composer.current?.querySelector('textarea')?.focus(),
    e: () => change({ status: 'resolved' }, t('shortcuts.resolved')),
    a: () => change({ assigneeId: me.id }, t('shortcuts.assigned')),
  });
}
