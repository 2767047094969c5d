import { Button, Group, Modal, Text } from '@mantine/core';
import type { MessageView } from '@guichet/shared';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSocket } from '../../../lib/realtime/realtime-context';
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

/**
 * Collision detection for the reply box: a reply to the citizen written by someone else after this
 * composer was opened (or after its last send) must be seen before sending a second answer.
 */
export function useReplyGuard(ticketId: string): ReplyGuard {
  const { t } = useTranslation();
  const socket = useSocket();
  const me = useSessionUser();
  const repliedBy = useRef<string | null>(null);
  const [pending, setPending] = useState<{ name: string; form: HTMLFormElement } | null>(null);

  useEffect(() => {
    if (!socket) return;
    const onMessage = (message: MessageView) => {
      if (message.ticketId !== ticketId || message.direction !== 'outbound') return;
      if (message.author?.kind === 'user' && message.author.id !== me.id)
        repliedBy.current = message.author.displayName;
    };
    socket.on('message.created', onMessage);
    return () => {
      socket.off('message.created', onMessage);
    };
  }, [socket, ticketId, me.id]);

  const hold = useCallback((form: HTMLFormElement) => {
    const name = repliedBy.current;
    repliedBy.current = null;
    if (name !== null) setPending({ name, form });
    return name !== null;
  }, []);

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
