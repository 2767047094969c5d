import { Button, Group, Stack, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { REPLY_MAX_LENGTH, type Platform } from '@guichet/shared';
import { useRef, useState, type SubmitEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiRequestError } from '../../../lib/api-client';
import { countCharacters } from '../../../lib/format';
import { errorMessage } from '../../../lib/ui/error-message';
import { ErrorIcon } from '../../../lib/ui/ErrorIcon';
import { useSendReply } from '../api/send-reply';
import { useReplyGuard } from '../hooks/use-reply-guard';
import classes from './ReplyForm.module.css';

interface ReplyFormProps {
  ticketId: string;
  platform: Platform;
}

export function ReplyForm({ ticketId, platform }: ReplyFormProps) {
  const { t } = useTranslation();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const sendReply = useSendReply(ticketId);
  const guard = useReplyGuard(ticketId);
  const [body, setBody] = useState('');
  const [emptyError, setEmptyError] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  // The server's reason for refusing this reply (e.g. the platform's 24-hour window is closed).
  const [refusal, setRefusal] = useState<string | null>(null);

  const failureId = `reply-failed-${ticketId}`;
  const max = REPLY_MAX_LENGTH[platform];
  const count = countCharacters(body);
  const over = count - max;
  const platformName = t(`platform.${platform}`);
  const error =
    over > 0
      ? t('reply.tooLong', { over, max, platform: platformName })
      : emptyError
        ? t('reply.empty')
        : refusal
          ? refusalMessage(t('reply.refused', { reason: refusal }))
          : undefined;

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sendReply.isPending) return;
    const text = body.trim();
    if (!text || over > 0) {
      setEmptyError(!text);
      textareaRef.current?.focus();
      return;
    }
    if (guard.hold(event.currentTarget)) return;
    setAnnouncement('');
    setRefusal(null);
    notifications.hide(failureId);
    sendReply.mutate(text, {
      onSuccess: () => {
        setBody('');
        setAnnouncement(t('reply.recorded', { platform: platformName }));
      },
      onError: (failure) => {
        if (isApiRequestError(failure, 422)) {
          // Shown as the box's error and announced once; the typed text stays.
          setRefusal(failure.body.message);
          setAnnouncement(t('reply.refused', { reason: failure.body.message }));
          textareaRef.current?.focus();
          return;
        }
        notifications.show({
          id: failureId,
          color: 'red',
          title: t('reply.failedTitle'),
          message: `${errorMessage(failure, t)} ${t('reply.failed')}`,
          autoClose: 15_000,
          closeButtonProps: { 'aria-label': t('common.close') },
        });
      },
    });
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  };

  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t('reply.title')}
      </Title>
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="sm">
          <Textarea
            ref={textareaRef}
            label={t('reply.label')}
            description={`${t('reply.counter', { count, max, platform: platformName })} ${t('reply.shortcut')}`}
            value={body}
            onChange={(event) => {
              setBody(event.currentTarget.value);
              if (emptyError) setEmptyError(false);
            }}
            onKeyDown={handleKeyDown}
            error={error}
            // A refusal is about the conversation, not the text: keep the typed text in its normal colour.
            withErrorStyles={!refusal || over > 0 || emptyError}
            autosize
            minRows={4}
            maxRows={14}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={sendReply.isPending}>
              {t('reply.submit')}
            </Button>
          </Group>
          <VisuallyHidden role="status">{announcement}</VisuallyHidden>
          {guard.dialog}
        </Stack>
      </form>
    </Stack>
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
