import { Button, Group, NativeSelect, Stack, Textarea, Title, VisuallyHidden } from '@mantine/core';
import type { TicketDetail } from '@guichet/shared';
import { useId, useState, type Ref, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { validationDetails } from '../../../lib/api-details';
import { notifyFailure } from '../../../lib/ui/notify';
import { useServices } from '../../../lib/use-services';
import { useUpdateTicket } from '../api/update-ticket';

interface RerouteFormProps {
  ticket: TicketDetail;
  /** The service chosen from the suggestions, or by the agent. */
  serviceId: string;
  onServiceChange: (serviceId: string) => void;
  /** Focused when a suggestion fills the service in: the reason is what is left to write. */
  reasonRef?: Ref<HTMLTextAreaElement>;
}

/**
 * Moves the ticket to another service, with the reason (required): the move is audited, the SLA
 * clocks follow the new service's hours, and the classifier learns from it.
 */
export function RerouteForm({ ticket, serviceId, onServiceChange, reasonRef }: RerouteFormProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const services = useServices();
  const update = useUpdateTicket(ticket.id);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ serviceId?: string; reason?: string }>({});
  const [announcement, setAnnouncement] = useState('');
  const options = (services.data ?? [])
    .filter((s) => s.id !== ticket.service.id)
    .map((s) => ({ value: s.id, label: s.name }));

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (update.isPending) return;
    const next = {
      serviceId: serviceId ? undefined : t('reroute.serviceRequired'),
      reason: reason.trim() ? undefined : t('reroute.reasonRequired'),
    };
    setErrors(next);
    if (next.serviceId || next.reason) {
      const form = event.currentTarget;
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const target = services.data?.find((s) => s.id === serviceId)?.name ?? '';
    setAnnouncement('');
    update.mutate(
      { serviceId, reason: reason.trim() },
      {
        onSuccess: () => {
          setReason('');
          onServiceChange('');
          setAnnouncement(t('reroute.done', { name: target }));
        },
        onError: (failure) => {
          const details = validationDetails(failure);
          const field = (name: string) =>
            details
              .filter((d) => d.path === name)
              .map((d) => d.message)
              .join(' ') || undefined;
          if (details.length) setErrors({ serviceId: field('serviceId'), reason: field('reason') });
          notifyFailure(t, t('reroute.failedTitle'), failure);
        },
      },
    );
  };

  return (
    <Stack component="section" gap="sm" aria-labelledby={headingId}>
      <Title order={3} size="h4" id={headingId}>
        {t('reroute.title')}
      </Title>
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="sm" maw={640}>
          <NativeSelect
            label={t('reroute.service')}
            data={[{ value: '', label: t('reroute.chooseService') }, ...options]}
            value={serviceId}
            onChange={(event) => {
              onServiceChange(event.currentTarget.value);
              setErrors((e) => ({ ...e, serviceId: undefined }));
            }}
            error={errors.serviceId}
            withAsterisk
            aria-required
          />
          <Textarea
            ref={reasonRef}
            label={t('reroute.reason')}
            description={t('reroute.reasonHint')}
            value={reason}
            onChange={(event) => {
              setReason(event.currentTarget.value);
              setErrors((e) => ({ ...e, reason: undefined }));
            }}
            error={errors.reason}
            maxLength={500}
            autosize
            minRows={2}
            withAsterisk
            aria-required
          />
          <Group>
            <Button type="submit" variant="outline" loading={update.isPending}>
              {t('reroute.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
      <VisuallyHidden role="status">{announcement}</VisuallyHidden>
    </Stack>
  );
}
