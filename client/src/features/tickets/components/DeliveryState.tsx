import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { MessageView } from '@guichet/shared';
import type { TFunction } from 'i18next';
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorIcon } from '../../../lib/ui/ErrorIcon';
import { errorMessage } from '../../../lib/ui/error-message';
import { useRetryReply } from '../api/retry-reply';
import classes from './MessageItem.module.css';

/** Where an outbound reply stands in the outbox; a failed one shows the platform's reason and can be sent again. */
export function DeliveryState({ message }: { message: MessageView }) {
  const { t } = useTranslation();
  const retry = useRetryReply(message.ticketId);
  const statusRef = useRef<HTMLDivElement>(null);
  const reasonId = useId();
  const failed = message.deliveryStatus === 'failed';

  const handleRetry = () => {
    if (retry.isPending) return;
    const failureId = `reply-retry-${message.id}`;
    notifications.hide(failureId);
    retry.mutate(message.id, {
      // The button goes away with the failure: keep the keyboard on the news.
      onSuccess: () => statusRef.current?.focus(),
      onError: (failure) =>
        notifications.show({
          id: failureId,
          color: 'red',
          title: t('thread.retryFailedTitle'),
          message: errorMessage(failure, t),
          autoClose: 15_000,
          closeButtonProps: { 'aria-label': t('common.close') },
        }),
    });
  };

  return (
    <div className={failed ? classes.failure : classes.delivery}>
      {/* Polite live region: the socket turns "sending" into "sent" or "failed" while the agent reads. */}
      <div ref={statusRef} role="status" tabIndex={-1} className={classes.deliveryStatus}>
        {failed ? (
          <>
            <Group gap={6} wrap="nowrap" c="red.9">
              <ErrorIcon />
              <Text span fw={700} size="sm">
                {t('thread.delivery.failed')}
              </Text>
            </Group>
            <Text size="sm" c="red.9" id={reasonId} className={classes.reason}>
              {message.deliveryError
                ? t('thread.deliveryError', { error: message.deliveryError })
                : t('thread.deliveryErrorUnknown')}
            </Text>
          </>
        ) : (
          <Text size="sm">
            {t('thread.deliveryStatus')} <strong>{deliveryLabel(message, t)}</strong>
          </Text>
        )}
      </div>
      {failed && (
        <Button
          mt="xs"
          size="xs"
          variant="filled"
          color="red.9"
          onClick={handleRetry}
          loading={retry.isPending}
          aria-describedby={reasonId}
        >
          {t('thread.retry')}
        </Button>
      )}
    </div>
  );
}

function deliveryLabel(message: MessageView, t: TFunction): string {
  if (message.deliveryStatus === 'queued' && message.deliveryError) {
    return t('thread.deliveryRetrying', { error: message.deliveryError });
  }
  return t(`thread.delivery.${message.deliveryStatus}`);
}
