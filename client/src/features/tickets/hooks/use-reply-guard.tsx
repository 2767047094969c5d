import { Button, Group, Modal, Text } from '@mantine/core';
import type { MessageView, TicketDetail } from '@guichet/shared';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionUser } from '../../../lib/use-session-user';

export interface ReplyGuard {
  /**
   * True when a colleague replied since the composer was armed: the submit stops, a confirmation
   * shows, and « Envoyer quand même » submits the form again (then passing).
   */
  hold: (form: HTMLFormElement) => boolean;
  /** The confirmation step, to render in the composer (nothing while not needed). */
  dialog: ReactNode;
}

/** The replies to the citizen written by colleagues (not by me, not by the system). */
function colleagueReplies(messages: MessageView[], meId: string): MessageView[] {
  return messages.filter(
    (m) => m.direction === 'outbound' && m.author?.kind === 'user' && m.author.id !== meId,
  );
}

/**
 * Collision detection for the reply box: a reply to the citizen written by someone else after this
 * composer was opened (or after its last send) must be seen before sending a second answer. Judged
 * from the thread as shown, so a reply fetched again after a dropped connection counts as well as one
 * pushed live.
 */
export function useReplyGuard(ticket: Pick<TicketDetail, 'messages'>): ReplyGuard {
  const { t } = useTranslation();
  const me = useSessionUser();
  const messages = useRef(ticket.messages);
  messages.current = ticket.messages;
  // The colleagues' replies this composer has already shown (armed with those present when it opened).
  const [known] = useState(() => new Set(colleagueReplies(ticket.messages, me.id).map((m) => m.id)));
  const [pending, setPending] = useState<{ name: string; form: HTMLFormElement } | null>(null);

  const hold = useCallback(
    (form: HTMLFormElement) => {
      const newer = colleagueReplies(messages.current, me.id).filter((m) => !known.has(m.id));
      newer.forEach((m) => known.add(m.id));
      const last = newer.at(-1)?.author;
      if (last?.kind !== 'user') return false;
      setPending({ name: last.displayName, form });
      return true;
    },
    [known, me.id],
  );

  const dialog = (
    <Modal
      opened={pending !== null}
      onClose={() => setPending(null)}
      title={t('reply.title')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      centered
    >
      <Text>{t('presence.repliedMeanwhile', { name: pending?.name ?? '' })}</Text>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={() => setPending(null)}>
          {t('presence.cancel')}
        </Button>
        <Button
          onClick={() => {
            pending?.form.requestSubmit();
            setPending(null);
          }}
        >
          {t('presence.sendAnyway')}
        </Button>
      </Group>
    </Modal>
  );
  return { hold, dialog };
}
