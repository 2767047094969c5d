import { lazy } from 'react';
import { useCurrentUser } from '../../features/auth/api/get-me';

const SlaPage = lazy(() =>
  import('../../features/settings/components/SlaPage').then((module) => ({ default: module.SlaPage })),
);

/** Administrators edit the targets; service heads read them. */
export function SlaSettingsRoute() {
  const me = useCurrentUser();
  return <SlaPage canEdit={me.role === 'admin'} />;
}
