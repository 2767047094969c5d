import { notifications } from '@mantine/notifications';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionUser } from '../../../lib/use-session-user';
import { useShortcuts } from '../../../lib/use-shortcut';
import { errorMessage } from '../../../lib/ui/error-message';
import { useUpdateTicket } from '../api/update-ticket';

/** r: write a reply, e: resolve, a: assign to me — on the open ticket page. */
export function useTicketShortcuts(ticketId: string, composer: RefObject<HTMLElement | null>): void {
  const { t } = useTranslation();
  const me = useSessionUser();
  const update = useUpdateTicket(ticketId);
  const change = (changes: Parameters<typeof update.mutate>[0], done: string) =>
    update.mutate(changes, {
      onSuccess: () => notifications.show({ message: done, autoClose: 4_000 }),
      onError: (failure) =>
        notifications.show({ color: 'red', message: errorMessage(failure, t), autoClose: 10_000 }),
    });
  useShortcuts({
    r: () => composer.current?.querySelector('textarea')?.focus(),
    e: () => change({ status: 'resolved' }, t('shortcuts.resolved')),
    a: () => change({ assigneeId: me.id }, t('shortcuts.assigned')),
  });
}
