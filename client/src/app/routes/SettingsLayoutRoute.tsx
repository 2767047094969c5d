import { lazy } from 'react';
import { useCurrentUser } from '../../features/auth/api/get-me';

const SettingsLayout = lazy(() =>
  import('../../features/settings/components/SettingsLayout').then((module) => ({
    default: module.SettingsLayout,
  })),
);

/** The settings tabs; services, routing and connected accounts are shown to administrators only. */
export function SettingsLayoutRoute() {
  const me = useCurrentUser();
  return <SettingsLayout isAdmin={me.role === 'admin'} />;
}
