import { Button, Group, NativeSelect, Stack, TagsInput, Title, VisuallyHidden } from '@mantine/core';
import {
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type TicketDetail,
  type TicketPriority,
  type TicketStatus,
  type UpdateTicketRequest,
} from '@guichet/shared';
import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyFailure } from '../../../lib/ui/notify';
import { useUpdateTicket } from '../api/update-ticket';

type Draft = { status?: TicketStatus; priority?: TicketPriority; tags?: string[] };

/**
 * Status, priority and tags, applied together with one button: a select that saved on every change
 * would apply each value a keyboard user arrows past (WCAG 3.2.2). The service changes with a
 * reason, in the routing section.
 */
export function TicketControls({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const headingId = useId();
  const update = useUpdateTicket(ticket.id);
  // Only what the agent touched; untouched fields follow the ticket as live updates change it.
  const [draft, setDraft] = useState<Draft>({});
  const [announcement, setAnnouncement] = useState('');

  const current = { status: ticket.status, priority: ticket.priority, tags: ticket.tags };
  const value = { ...current, ...draft };
  const changes: UpdateTicketRequest = {};
  if (value.status !== current.status) changes.status = value.status;
  if (value.priority !== current.priority) changes.priority = value.priority;
  if (value.tags.join('\n') !== current.tags.join('\n')) changes.tags = value.tags;
  const dirty = Object.keys(changes).length > 0;

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!dirty || update.isPending) return;
    setAnnouncement('');
    update.mutate(changes, {
      onSuccess: () => {
        setDraft({});
        setAnnouncement(t('ticketControls.saved'));
      },
      onError: (failure) => notifyFailure(t, t('ticketControls.failedTitle'), failure),
    });
  };

  return (
    <Stack component="section" gap="sm" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        {t('ticketControls.title')}
      </Title>
      <form onSubmit={handleSubmit}>
        <Group align="flex-start" gap="sm">
          <NativeSelect
            label={t('ticketControls.status')}
            description={t('ticketControls.pendingHint')}
            inputWrapperOrder={['label', 'input', 'description']}
            data={TICKET_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
            value={value.status}
            onChange={(event) => {
              const status = event.currentTarget.value as TicketStatus;
              setDraft((previous) => ({ ...previous, status }));
            }}
            w={240}
          />
          <NativeSelect
            label={t('ticketControls.priority')}
            data={TICKET_PRIORITIES.map((priority) => ({
              value: priority,
              label: t(`priorityOption.${priority}`),
            }))}
            value={value.priority}
            onChange={(event) => {
              const priority = event.currentTarget.value as TicketPriority;
              setDraft((previous) => ({ ...previous, priority }));
            }}
            w={180}
          />
          <TagsInput
            label={t('ticketControls.tags')}
            description={t('ticketControls.tagsHint')}
            inputWrapperOrder={['label', 'input', 'description']}
            value={value.tags}
            onChange={(tags) => setDraft((previous) => ({ ...previous, tags }))}
            maxTags={20}
            splitChars={[',']}
            clearable
            clearButtonProps={{ 'aria-label': t('ticketControls.clearTags') }}
            w={280}
          />
          <Button
            type="submit"
            mt={25}
            variant={dirty ? 'filled' : 'default'}
            loading={update.isPending}
            aria-disabled={!dirty}
          >
            {t('ticketControls.save')}
          </Button>
        </Group>
      </form>
      <VisuallyHidden role="status">{announcement}</VisuallyHidden>
    </Stack>
  );
}
