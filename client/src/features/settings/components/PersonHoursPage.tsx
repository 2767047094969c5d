import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { PageLoader } from '../../../lib/ui/PageLoader';
import { useUsers } from '../api/services-admin';
import { UserHours } from './UserHours';

/** /settings/teams/people/:id/hours?service=… (administrators): one member's hours, from a service's members. */
export function PersonHoursPage() {
  const { id = '' } = useParams<{ id: string }>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const users = useUsers();
  const person = users.data?.find((user) => user.id === id);

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/settings/teams" size="sm">
        {t('userHours.backToTeams')}
      </Anchor>
      {users.isPending && <PageLoader />}
      {users.isError && <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />}
      {users.data && !person && <UnknownPerson />}
      {person && (
        <UserHours
          key={person.id}
          userId={person.id}
          title={t('userHours.titleOf', { name: person.displayName })}
          mine={false}
          startServiceId={search.get('service')}
        />
      )}
    </Stack>
  );
}

function UnknownPerson() {
  const { t } = useTranslation();
  useDocumentTitle(t('userHours.title'));
  return (
    <>
      <Title order={1}>{t('userHours.title')}</Title>
      <Text>{t('userHours.unknownPerson')}</Text>
    </>
  );
}
