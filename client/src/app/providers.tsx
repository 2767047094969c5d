import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useMe } from '../features/auth/api/get-me';
import { useSessionExpiry } from '../features/auth/hooks/use-session-expiry';
import { createQueryClient } from '../lib/query-client';
import { RealtimeProvider } from '../lib/realtime/RealtimeProvider';
import classes from './layout/layout.module.css';
import { cssVariablesResolver, theme } from './theme';

/** Ties the socket to the session: connected while someone is logged in, closed on logout or 401. */
function SessionRealtime({ children }: { children: ReactNode }) {
  useSessionExpiry();
  const me = useMe();
  return <RealtimeProvider userId={me.data?.id ?? null}>{children}</RealtimeProvider>;
}

export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      {/* Below the header, so a notice never hides the logout or language controls. */}
      <Notifications position="top-right" classNames={{ root: classes.notifications }} />
      <QueryClientProvider client={queryClient}>
        <SessionRealtime>{children}</SessionRealtime>
      </QueryClientProvider>
    </MantineProvider>
  );
}
