import { lazy } from 'react';
import { useCurrentUser } from '../../features/auth/api/get-me';

const ChannelAccountsPage = lazy(() =>
  import('../../features/settings/components/ChannelAccountsPage').then((module) => ({
    default: module.ChannelAccountsPage,
  })),
);

/** Connected accounts are the administrators' (the server answers 403 to anyone else). */
export function ChannelsSettingsRoute() {
  const me = useCurrentUser();
  return <ChannelAccountsPage canManage={me.role === 'admin'} />;
}
