import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../features/auth/api/get-me';

const UserHours = lazy(() =>
  import('../../features/settings/components/UserHours').then((module) => ({ default: module.UserHours })),
);

/** /my-hours: anyone dealt tickets sets their own hours; new ones start from their first service's. */
export function MyHoursRoute() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  return (
    <UserHours userId={me.id} title={t('userHours.mine')} mine startServiceId={me.services[0]?.id ?? null} />
  );
}
