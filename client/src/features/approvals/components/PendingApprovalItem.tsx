import { Anchor, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import type { PendingApprovalView } from '@guichet/shared';
import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { approvalReasonsText } from '../../../lib/approval-reasons';
import { formatDateTime } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/use-locale';
import { notifyFailure, notifySuccess } from '../../../lib/ui/notify';
import { useApproveReply, useRejectReply } from '../api/approvals';
import classes from './PendingApprovalItem.module.css';

type Mode = 'read' | 'edit' | 'reject';

/** One held reply: the citizen's message, the proposed text, why it is held, and the head's three choices. */
export function PendingApprovalItem({
  item,
  onDecided,
}: {
  item: PendingApprovalView;
  onDecided: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const headingId = useId();
  const approve = useApproveReply();
  const reject = useRejectReply();
  const [mode, setMode] = useState<Mode>('read');
  const [edited, setEdited] = useState(item.body);
  const [comment, setComment] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const busy = approve.isPending || reject.isPending;
  const reference = item.ticket.reference;

  /**
   * The socket may take the decided reply out of the queue (unmounting this item) before the answer
   * arrives: awaited as a promise, which settles even then (mutate's own callbacks would not run).
   */
  const decide = (decision: Promise<unknown>, done: string) =>
    decision.then(
      () => {
        notifySuccess(t, done);
        onDecided();
      },
      (failure: unknown) => notifyFailure(t, t('approvals.failedTitle'), failure),
    );

  const approveAsWritten = () =>
    void decide(approve.mutateAsync({ messageId: item.messageId }), t('approvals.approved', { reference }));

  const submitEdited = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = edited.trim();
    if (!body) {
      setFieldError(t('approvals.bodyRequired'));
      return;
    }
    void decide(
      approve.mutateAsync({ messageId: item.messageId, body }),
      t('approvals.approved', { reference }),
    );
  };

  const submitRejection = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = comment.trim();
    if (!text) {
      setFieldError(t('approvals.commentRequired'));
      return;
    }
    void decide(
      reject.mutateAsync({ messageId: item.messageId, comment: text }),
      t('approvals.rejectedDone', { reference }),
    );
  };

  const switchTo = (next: Mode) => {
    setFieldError(null);
    setMode(next);
  };

  return (
    <li>
      <Paper component="article" withBorder p="md" aria-labelledby={headingId}>
        <Stack gap="sm">
          <Title order={2} size="h4" id={headingId}>
            <Anchor component={Link} to={`/tickets/${item.ticket.id}`}>
              {t('approvals.ticket', { reference, subject: item.ticket.subject })}
            </Anchor>
          </Title>
          <Text size="sm">
            {t('approvals.meta', {
              service: item.ticket.service.name,
              author: item.author?.displayName ?? t('approvals.unknownAuthor'),
              date: formatDateTime(item.submittedAt, locale),
            })}
          </Text>
          <Text size="sm" fw={700}>
            {t('approval.reasons', { reasons: approvalReasonsText(t, item.reasons) })}
          </Text>
          {item.inbound && (
            <div>
              <Text size="sm" fw={600}>
                {t('approvals.citizen')}
              </Text>
              <Text className={classes.quote}>{item.inbound.body}</Text>
            </div>
          )}
          {mode !== 'edit' && (
            <div>
              <Text size="sm" fw={600}>
                {t('approvals.proposed')}
              </Text>
              <Text className={classes.proposed}>{item.body}</Text>
            </div>
          )}
          {mode === 'read' && (
            <Group gap="sm">
              <Button onClick={approveAsWritten} loading={approve.isPending} disabled={busy}>
                {t('approvals.approve')}
              </Button>
              <Button variant="default" onClick={() => switchTo('edit')} disabled={busy}>
                {t('approvals.edit')}
              </Button>
              <Button variant="outline" color="red.9" onClick={() => switchTo('reject')} disabled={busy}>
                {t('approvals.reject')}
              </Button>
            </Group>
          )}
          {mode === 'edit' && (
            <form onSubmit={submitEdited} noValidate>
              <Stack gap="sm">
                <Textarea
                  label={t('approvals.editLabel')}
                  value={edited}
                  onChange={(event) => {
                    setEdited(event.currentTarget.value);
                    setFieldError(null);
                  }}
                  error={fieldError ?? undefined}
                  autosize
                  minRows={4}
                  autoFocus
                />
                <Group gap="sm">
                  <Button type="submit" loading={approve.isPending}>
                    {t('approvals.approveEdited')}
                  </Button>
                  <Button variant="default" onClick={() => switchTo('read')} disabled={busy}>
                    {t('approvals.cancel')}
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
          {mode === 'reject' && (
            <form onSubmit={submitRejection} noValidate>
              <Stack gap="sm">
                <Textarea
                  label={t('approvals.rejectLabel')}
                  description={t('approvals.rejectHint')}
                  value={comment}
                  onChange={(event) => {
                    setComment(event.currentTarget.value);
                    setFieldError(null);
                  }}
                  error={fieldError ?? undefined}
                  required
                  autosize
                  minRows={3}
                  autoFocus
                />
                <Group gap="sm">
                  <Button type="submit" color="red.9" loading={reject.isPending}>
                    {t('approvals.rejectSubmit')}
                  </Button>
                  <Button variant="default" onClick={() => switchTo('read')} disabled={busy}>
                    {t('approvals.cancel')}
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
        </Stack>
      </Paper>
    </li>
  );
}
