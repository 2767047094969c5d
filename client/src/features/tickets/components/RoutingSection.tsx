import { Stack } from '@mantine/core';
import type { TicketDetail } from '@guichet/shared';
import { useRef, useState } from 'react';
import { RerouteForm } from './RerouteForm';
import { RoutingPanel } from './RoutingPanel';

/** Why the ticket is here, and moving it elsewhere (a suggestion fills the form in). */
export function RoutingSection({ ticket }: { ticket: TicketDetail }) {
  const [serviceId, setServiceId] = useState('');
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  return (
    <Stack gap="md">
      <RoutingPanel
        ticket={ticket}
        onSuggest={(id) => {
          setServiceId(id);
          reasonRef.current?.focus();
        }}
      />
      <RerouteForm
        ticket={ticket}
        serviceId={serviceId}
        onServiceChange={setServiceId}
        reasonRef={reasonRef}
      />
    </Stack>
  );
}
