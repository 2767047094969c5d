import { Button, Group, Radio, Stack, Text, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  REPLY_MAX_LENGTH,
  replyAudience,
  type AnswerSummary,
  type ReplyAudience,
  type TicketDetail,
} from '@guichet/shared';
import { useMemo, useRef, useState, type KeyboardEvent, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AnswerPicker } from '../../answers/components/AnswerPicker';
import { PlaceholderFields } from '../../answers/components/PlaceholderFields';
import { useAnswerComposer } from '../../answers/hooks/use-answer-composer';
import { knownValues } from '../../answers/placeholders';
import { isApiRequestError } from '../../../lib/api-client';
import { approvalReasonsText } from '../../../lib/approval-reasons';
import { countCharacters } from '../../../lib/format';
import { errorMessage } from '../../../lib/ui/error-message';
import { ErrorIcon } from '../../../lib/ui/ErrorIcon';
import { useAddNote } from '../api/add-note';
import { useReplyCheck } from '../api/check-reply';
import { useSendReply } from '../api/send-reply';
import { useReplyGuard } from '../hooks/use-reply-guard';
import classes from './ReplyForm.module.css';

type Mode = 'reply' | 'note';

const NOTE_MAX_LENGTH = 10_000;

/** Who reads a reply: the kind of the citizen's latest message decides (a comment is public). */
function ticketAudience(ticket: TicketDetail): ReplyAudience | null {
  const latest = [...ticket.messages].reverse().find((m) => m.direction === 'inbound');
  return latest ? replyAudience(latest.kind) : null;
}

/** The ticket's reply box: a reply to the citizen (from a validated answer or not), or an internal note. */
export function ReplyForm({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const placeholdersRef = useRef<HTMLDivElement>(null);
  const sendReply = useSendReply(ticket.id);
  const addNote = useAddNote(ticket.id);
  // A colleague replied since this composer was armed: confirm before a second answer goes out.
  const guard = useReplyGuard(ticket);
  const [mode, setMode] = useState<Mode>('reply');
  // One text per mode, so a note is never sent to the citizen by switching modes.
  const [replyBody, setReplyBody] = useState('');
  const [noteBody, setNoteBody] = useState('');
  const [emptyError, setEmptyError] = useState(false);
  const [placeholderError, setPlaceholderError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  // The server's reason for refusing this reply (e.g. the platform's 24-hour window is closed).
  const [refusal, setRefusal] = useState<string | null>(null);

  const known = useMemo(
    () => knownValues({ reference: ticket.reference, contact: ticket.contact }),
    [ticket.reference, ticket.contact],
  );
  const composer = useAnswerComposer(known);
  const audience = ticketAudience(ticket);
  const isNote = mode === 'note';
  const body = isNote ? noteBody : replyBody;
  const setBody = isNote ? setNoteBody : setReplyBody;
  const pending = isNote ? addNote.isPending : sendReply.isPending;

  const failureId = `reply-failed-${ticket.id}`;
  const platformName = t(`platform.${ticket.platform}`);
  const max = isNote ? NOTE_MAX_LENGTH : REPLY_MAX_LENGTH[ticket.platform];
  const count = countCharacters(body);
  const over = count - max;
  const answerStatus = isNote ? { unfilled: [], edited: false } : composer.status(replyBody);
  const unfilledNames = answerStatus.unfilled.map((n) => `{${n}}`).join(', ');
  // Asked of the server (the policy and the contact's tags live there); never for an internal note.
  const approvalCheck = useReplyCheck(ticket.id, { body: replyBody, ...composer.source }, !isNote);
  const approval = !isNote && replyBody.trim() !== '' ? approvalCheck.data : undefined;

  const error =
    over > 0
      ? t('reply.tooLong', { over, max, platform: isNote ? t('composer.noteLabel') : platformName })
      : emptyError
        ? t(isNote ? 'composer.noteEmpty' : 'reply.empty')
        : !isNote && refusal
          ? refusalMessage(t('reply.refused', { reason: refusal }))
          : undefined;

  const changeBody = (text: string) => {
    setBody(text);
    if (emptyError) setEmptyError(false);
    if (!isNote) composer.textChanged(text);
  };

  const insertAnswer = (answer: AnswerSummary) => {
    const text = composer.insert(answer, replyBody);
    if (text === null) return;
    setReplyBody(text);
    setEmptyError(false);
    setPlaceholderError(null);
    setRefusal(null);
    setAnnouncement(t('composer.inserted', { title: answer.title }));
    textareaRef.current?.focus();
  };

  const fillPlaceholder = (name: string, value: string) => {
    const text = composer.fill(replyBody, name, value);
    setReplyBody(text);
    if (composer.status(text).unfilled.length === 0) {
      setPlaceholderError(null);
      textareaRef.current?.focus();
    }
  };

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const text = body.trim();
    if (!text || over > 0) {
      setEmptyError(!text);
      textareaRef.current?.focus();
      return;
    }
    setAnnouncement('');
    notifications.hide(failureId);
    if (isNote) {
      addNote.mutate(text, {
        onSuccess: () => {
          setNoteBody('');
          setAnnouncement(t('composer.noteRecorded'));
        },
        onError: (failure) => showFailure(t('composer.noteFailedTitle'), `${errorMessage(failure, t)}`),
      });
      return;
    }
    if (answerStatus.unfilled.length > 0) {
      const message = t('composer.unfilled', { count: answerStatus.unfilled.length, names: unfilledNames });
      setPlaceholderError(message);
      placeholdersRef.current?.querySelector<HTMLInputElement>('input[data-placeholder]')?.focus();
      return;
    }
    if (guard.hold(event.currentTarget)) return;
    setRefusal(null);
    sendReply.mutate(
      { body: text, ...composer.source },
      {
        onSuccess: (message) => {
          setReplyBody('');
          composer.reset();
          setAnnouncement(
            message.deliveryStatus === 'pending_approval'
              ? t('approval.recorded')
              : t('reply.recorded', { platform: platformName }),
          );
        },
        onError: (failure) => {
          if (isApiRequestError(failure, 422) || isApiRequestError(failure, 409)) {
            // Shown as the box's error and announced once; the typed text stays.
            setRefusal(failure.body.message);
            setAnnouncement(t('reply.refused', { reason: failure.body.message }));
            textareaRef.current?.focus();
            return;
          }
          showFailure(t('reply.failedTitle'), `${errorMessage(failure, t)} ${t('reply.failed')}`);
        },
      },
    );
  };

  const showFailure = (title: string, message: string) =>
    notifications.show({
      id: failureId,
      color: 'red',
      title,
      message,
      autoClose: 15_000,
      closeButtonProps: { 'aria-label': t('common.close') },
    });

  const handleKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  };

  const removeAnswer = () => {
    setReplyBody(composer.remove());
    setPlaceholderError(null);
    textareaRef.current?.focus();
  };

  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t('reply.title')}
      </Title>
      <Radio.Group
        value={mode}
        onChange={(value) => {
          setMode(value === 'note' ? 'note' : 'reply');
          setEmptyError(false);
        }}
        label={t('composer.modeLabel')}
      >
        <Group gap="lg" mt={4}>
          <Radio value="reply" label={t('composer.modeReply')} />
          <Radio value="note" label={t('composer.modeNote')} />
        </Group>
      </Radio.Group>
      <AudienceBanner mode={mode} audience={audience} platform={platformName} />
      {!isNote && (
        <AnswerPicker
          ticketId={ticket.id}
          serviceId={ticket.service.id}
          audience={audience}
          onInsert={insertAnswer}
        />
      )}
      <form onSubmit={handleSubmit} noValidate className={isNote ? classes.noteForm : undefined}>
        <Stack gap="sm">
          {!isNote && composer.inserted && (
            <Group gap="xs" className={classes.source}>
              <Text size="sm">
                {t('composer.source', { title: composer.inserted.title, version: composer.inserted.version })}
                {answerStatus.edited && ` · ${t('composer.sourceEdited')}`}
              </Text>
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={removeAnswer}
                aria-label={t('composer.removeLabel')}
              >
                {t('composer.remove')}
              </Button>
            </Group>
          )}
          <Textarea
            ref={textareaRef}
            label={isNote ? t('composer.noteLabel') : t('reply.label')}
            description={`${t('reply.counter', {
              count,
              max,
              platform: isNote ? t('composer.noteLabel') : platformName,
            })} ${t('reply.shortcut')}`}
            value={body}
            onChange={(event) => changeBody(event.currentTarget.value)}
            onKeyDown={handleKeyDown}
            error={error}
            // A refusal is about the conversation, not the text: keep the typed text in its normal colour.
            withErrorStyles={isNote || !refusal || over > 0 || emptyError}
            autosize
            minRows={4}
            maxRows={14}
          />
          {!isNote && (
            <div ref={placeholdersRef}>
              <PlaceholderFields
                names={answerStatus.unfilled}
                text={replyBody}
                onFill={fillPlaceholder}
                error={placeholderError ?? undefined}
              />
            </div>
          )}
          {/* Polite and always present, so the warning is announced when it appears while the agent types. */}
          <div role="status">
            {approval?.required && (
              <div className={classes.approvalWarning}>
                <Text size="sm" fw={700}>
                  {t('approval.composerWarning', { reasons: approvalReasonsText(t, approval.reasons) })}
                </Text>
                <Text size="sm">{t('approval.composerWarningHint')}</Text>
              </div>
            )}
          </div>
          <Group justify="flex-end">
            <Button type="submit" loading={pending}>
              {isNote ? t('composer.noteSubmit') : t('reply.submit')}
            </Button>
          </Group>
          <VisuallyHidden role="status">{announcement}</VisuallyHidden>
          {guard.dialog}
        </Stack>
      </form>
    </Stack>
  );
}

/** Who will read this: the public, the citizen alone, or agents only. Words and an icon, not colour alone. */
function AudienceBanner({
  mode,
  audience,
  platform,
}: {
  mode: Mode;
  audience: ReplyAudience | null;
  platform: string;
}) {
  const { t } = useTranslation();
  if (mode === 'note') {
    return (
      <div className={classes.banner} data-audience="note">
        <NoteIcon />
        <Text size="sm" fw={700}>
          {t('composer.note')}
        </Text>
      </div>
    );
  }
  if (audience === null) return null;
  return (
    <div className={classes.banner} data-audience={audience}>
      {audience === 'public' ? <GlobeIcon /> : <LockIcon />}
      <div>
        <Text size="sm" fw={700}>
          {t(audience === 'public' ? 'composer.public' : 'composer.private')}
        </Text>
        <Text size="sm">
          {t(audience === 'public' ? 'composer.publicHint' : 'composer.privateHint', { platform })}
        </Text>
      </div>
    </div>
  );
}

const iconProps = {
  width: 20,
  height: 20,
  viewBox: '0 0 24 24',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 2,
  strokeLinecap: 'round' as const,
  strokeLinejoin: 'round' as const,
  'aria-hidden': true,
  className: classes.icon,
};

function GlobeIcon() {
  return (
    <svg {...iconProps}>
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3z" />
    </svg>
  );
}

function LockIcon() {
  return (
    <svg {...iconProps}>
      <rect x="5" y="11" width="14" height="10" rx="2" />
      <path d="M8 11V8a4 4 0 0 1 8 0v3" />
    </svg>
  );
}

function NoteIcon() {
  return (
    <svg {...iconProps}>
      <path d="M5 4h10l4 4v12H5z" />
      <path d="M9 12h6M9 16h4" />
    </svg>
  );
}

/** Bigger than a field error, with an icon: the agent has to change course (comment publicly, or wait). */
function refusalMessage(text: string) {
  return (
    <span className={classes.refusal}>
      <ErrorIcon />
      <span>{text}</span>
    </span>
  );
}
