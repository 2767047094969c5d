import { Button, Group, NativeSelect, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import type { Me, TicketDetail } from '@guichet/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../../lib/query-keys';
import { errorMessage } from '../../../lib/ui/error-message';
import { notifyFailure } from '../../../lib/ui/notify';
import { useServiceMembers } from '../api/service-members';
import { useUpdateTicket } from '../api/update-ticket';

/** Who handles the ticket: one of its service's agents, chosen by hand (or nobody). */
export function AssigneeControl({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const headingId = useId();
  const members = useServiceMembers(ticket.service.id);
  const update = useUpdateTicket(ticket.id);
  // Behind the auth guard the session's user is always cached.
  const me = useQueryClient().getQueryData<Me | null>(queryKeys.me) ?? null;
  const [choice, setChoice] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const current = ticket.assignee?.id ?? '';
  const value = choice ?? current;
  const people = (members.data ?? []).filter((m) => m.active && m.accountRole !== 'elected');
  const options = people.map((m) => ({
    value: m.userId,
    label: `${m.displayName}${m.onShift ? '' : ` (${t('assignment.offShift')})`}`,
  }));
  if (ticket.assignee && !options.some((o) => o.value === ticket.assignee?.id)) {
    options.unshift({ value: ticket.assignee.id, label: ticket.assignee.displayName });
  }
  const iAmMember = me !== null && people.some((m) => m.userId === me.id);

  const assign = (assigneeId: string | null) => {
    if (update.isPending) return;
    setAnnouncement('');
    update.mutate(
      { assigneeId },
      {
        onSuccess: (detail) => {
          setChoice(null);
          setAnnouncement(
            detail.assignee
              ? t('assignment.assigned', { name: detail.assignee.displayName })
              : t('assignment.unassignedDone'),
          );
        },
        onError: (failure) => notifyFailure(t, t('assignment.failedTitle'), failure),
      },
    );
  };
  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (value === current) return;
    assign(value || null);
  };

  return (
    <Stack component="section" gap="sm" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        {t('assignment.title')}
      </Title>
      <form onSubmit={handleSubmit}>
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label={t('assignment.assignee')}
            data={[{ value: '', label: t('ticket.unassigned') }, ...options]}
            value={value}
            onChange={(event) => setChoice(event.currentTarget.value)}
            w={300}
          />
          <Button
            type="submit"
            variant={value !== current ? 'filled' : 'default'}
            aria-disabled={value === current}
            loading={update.isPending}
          >
            {t('assignment.save')}
          </Button>
          {iAmMember && me && current !== me.id && (
            <Button variant="outline" onClick={() => assign(me.id)}>
              {t('assignment.takeIt')}
            </Button>
          )}
        </Group>
      </form>
      {members.isError && <Text size="sm">{errorMessage(members.error, t)}</Text>}
      <VisuallyHidden role="status">{announcement}</VisuallyHidden>
    </Stack>
  );
}
