import { lazy } from 'react';
import { useCurrentUser } from '../../features/auth/api/get-me';

const SettingsLayout = lazy(() =>
  import('../../features/settings/components/SettingsLayout').then((module) => ({
    default: module.SettingsLayout,
  })),
);

/** The settings tabs; the connected accounts tab is shown to administrators only. */
export function SettingsLayoutRoute() {
  const me = useCurrentUser();
  return <SettingsLayout canManageChannels={me.role === 'admin'} />;
}
