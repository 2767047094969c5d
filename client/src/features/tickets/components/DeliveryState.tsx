import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { MessageView } from '@guichet/shared';
import type { TFunction } from 'i18next';
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { approvalReasonsText } from '../../../lib/approval-reasons';
import { formatDateTime } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/use-locale';
import { ErrorIcon } from '../../../lib/ui/ErrorIcon';
import { errorMessage } from '../../../lib/ui/error-message';
import { useSessionUser } from '../../../lib/use-session-user';
import { canDecideReply } from '../../approvals/can-decide';
import { ApprovalDecision } from '../../approvals/components/ApprovalDecision';
import { useRetryReply } from '../api/retry-reply';
import classes from './MessageItem.module.css';

/** The ticket a reply belongs to, as its approval controls need it. */
export interface ReplyTicket {
  serviceId: string;
  reference: number;
}

/**
 * Where an outbound reply stands in the outbox; a failed one shows the platform's reason and can be
 * sent again; a held one can be decided here by whoever may (a head of the service, not its author).
 */
export function DeliveryState({ message, ticket }: { message: MessageView; ticket: ReplyTicket }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useSessionUser();
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
        <ApprovalState message={message} />
      </div>
      {message.approval?.state === 'pending' && canDecideReply(me, ticket.serviceId, message) && (
        <div className={classes.decision}>
          <ApprovalDecision
            reply={{
              messageId: message.id,
              ticketId: message.ticketId,
              reference: ticket.reference,
              body: message.body,
            }}
            label={t('approvals.decisionOnReply', {
              author:
                message.author?.kind === 'user' ? message.author.displayName : t('approvals.unknownAuthor'),
              date: formatDateTime(message.sentAt, locale),
            })}
            // The buttons go away with the decision: keep the keyboard on the news.
            onDecided={() => statusRef.current?.focus()}
          />
        </div>
      )}
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

/** Why a reply waits for approval, why it was refused (the head's comment), or who approved and edited it. */
function ApprovalState({ message }: { message: MessageView }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const approval = message.approval;
  if (!approval) return null;
  const decided =
    approval.decidedBy && approval.decidedAt
      ? t('approval.decidedBy', {
          name: approval.decidedBy.displayName,
          date: formatDateTime(approval.decidedAt, locale),
        })
      : null;
  if (approval.state === 'pending') {
    return (
      <Text size="sm" className={classes.reason}>
        {t('approval.reasons', { reasons: approvalReasonsText(t, approval.reasons) })}
      </Text>
    );
  }
  if (approval.state === 'rejected') {
    return (
      <div className={classes.rejection}>
        <Text size="sm" fw={700}>
          {t('approval.rejected', { comment: approval.comment ?? '' })}
        </Text>
        {decided && <Text size="sm">{decided}</Text>}
      </div>
    );
  }
  return (
    <>
      {approval.decidedBy && (
        <Text size="sm">{t('approval.approvedBy', { name: approval.decidedBy.displayName })}</Text>
      )}
      {approval.originalBody !== null && (
        <Text size="sm" className={classes.reason}>
          {t('approval.editedBeforeSending', { original: approval.originalBody })}
        </Text>
      )}
    </>
  );
}

function deliveryLabel(message: MessageView, t: TFunction): string {
  if (message.deliveryStatus === 'queued' && message.deliveryError) {
    return t('thread.deliveryRetrying', { error: message.deliveryError });
  }
  return t(`thread.delivery.${message.deliveryStatus}`);
}
