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

  const approveEdited = (body: string) =>
    void decide(
      approve.mutateAsync({ messageId: item.messageId, body }),
      t('approvals.approved', { reference }),
    );

  const rejectWith = (comment: string) =>
    void decide(
      reject.mutateAsync({ messageId: item.messageId, comment }),
      t('approvals.rejectedDone', { reference }),
    );

  const cancel = () => setMode('read');

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
              <Button variant="default" onClick={() => setMode('edit')} disabled={busy}>
                {t('approvals.edit')}
              </Button>
              <Button variant="outline" color="red.9" onClick={() => setMode('reject')} disabled={busy}>
                {t('approvals.reject')}
              </Button>
            </Group>
          )}
          {mode === 'edit' && (
            <TextDecision
              initial={item.body}
              label={t('approvals.editLabel')}
              minRows={4}
              emptyError={t('approvals.bodyRequired')}
              submitLabel={t('approvals.approveEdited')}
              pending={approve.isPending}
              busy={busy}
              onSubmit={approveEdited}
              onCancel={cancel}
            />
          )}
          {mode === 'reject' && (
            <TextDecision
              initial=""
              label={t('approvals.rejectLabel')}
              description={t('approvals.rejectHint')}
              required
              minRows={3}
              emptyError={t('approvals.commentRequired')}
              submitLabel={t('approvals.rejectSubmit')}
              submitColor="red.9"
              pending={reject.isPending}
              busy={busy}
              onSubmit={rejectWith}
              onCancel={cancel}
            />
          )}
        </Stack>
      </Paper>
    </li>
  );
}

/** A decision that takes a text (the edited reply, the refusal's comment): required, trimmed. */
function TextDecision(props: {
  initial: string;
  label: string;
  description?: string;
  required?: boolean;
  minRows: number;
  emptyError: string;
  submitLabel: string;
  submitColor?: string;
  pending: boolean;
  busy: boolean;
  onSubmit: (text: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(props.initial);
  const [error, setError] = useState<string | null>(null);
  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = text.trim();
    if (!value) {
      setError(props.emptyError);
      return;
    }
    props.onSubmit(value);
  };
  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="sm">
        <Textarea
          label={props.label}
          description={props.description}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setError(null);
          }}
          error={error ?? undefined}
          required={props.required}
          autosize
          minRows={props.minRows}
          autoFocus
        />
        <Group gap="sm">
          <Button type="submit" color={props.submitColor} loading={props.pending}>
            {props.submitLabel}
          </Button>
          <Button variant="default" onClick={props.onCancel} disabled={props.busy}>
            {t('approvals.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
