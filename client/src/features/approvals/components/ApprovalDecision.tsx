import { Button, Group, Stack, Textarea } from '@mantine/core';
import { useState, type ReactNode, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiRequestError } from '../../../lib/api-client';
import { notifyFailure, notifySuccess } from '../../../lib/ui/notify';
import { useApproveReply, useRejectReply } from '../api/approvals';

type Mode = 'read' | 'edit' | 'reject';

/**
 * A head's three choices on a held reply: approve it as written, edit then approve it, or reject it
 * with a comment for its author. `proposed` (the reply's text, when the caller shows it here) is
 * hidden while the text is being edited. `onDecided` runs once the reply is decided, here or (409) by
 * someone else meanwhile: either way these controls are about to go.
 */
export function ApprovalDecision({
  reply,
  label,
  proposed,
  onDecided,
}: {
  reply: { messageId: string; ticketId: string; reference: number; body: string };
  /** Names the group of controls (several held replies may be on one page). */
  label: string;
  proposed?: ReactNode;
  onDecided: () => void;
}) {
  const { t } = useTranslation();
  const approve = useApproveReply();
  const reject = useRejectReply();
  const [mode, setMode] = useState<Mode>('read');
  const busy = approve.isPending || reject.isPending;
  const { messageId, ticketId, reference } = reply;

  /**
   * The socket may take the decided reply away (unmounting this) before the answer arrives: awaited
   * as a promise, which settles even then (mutate's own callbacks would not run).
   */
  const decide = (decision: Promise<unknown>, done: string) =>
    decision.then(
      () => {
        notifySuccess(t, done);
        onDecided();
      },
      (failure: unknown) => {
        if (isApiRequestError(failure, 409)) {
          notifyFailure(t, t('approvals.decidedMeanwhile'), failure);
          onDecided();
        } else notifyFailure(t, t('approvals.failedTitle'), failure);
      },
    );

  const approveAs = (body?: string) =>
    void decide(approve.mutateAsync({ messageId, ticketId, body }), t('approvals.approved', { reference }));

  const rejectWith = (comment: string) =>
    void decide(
      reject.mutateAsync({ messageId, ticketId, comment }),
      t('approvals.rejectedDone', { reference }),
    );

  const cancel = () => setMode('read');

  return (
    <Stack gap="sm" role="group" aria-label={label}>
      {mode !== 'edit' && proposed}
      {mode === 'read' && (
        <Group gap="sm">
          <Button onClick={() => approveAs()} loading={approve.isPending} disabled={busy}>
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
          initial={reply.body}
          label={t('approvals.editLabel')}
          minRows={4}
          emptyError={t('approvals.bodyRequired')}
          submitLabel={t('approvals.approveEdited')}
          pending={approve.isPending}
          busy={busy}
          onSubmit={approveAs}
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
