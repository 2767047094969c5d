import { Container } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useMe } from '../../features/auth/api/get-me';
import { ErrorAlert } from '../../lib/ui/ErrorAlert';
import { PageLoader } from '../../lib/ui/PageLoader';

/** Pages behind a session; without one, go to /login and come back here afterwards. */
export function RequireAuth() {
  const location = useLocation();
  const me = useMe();

  if (me.isPending) return <PageLoader />;
  if (me.isError) {
    return (
      <Container size="sm" py="xl">
        <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
      </Container>
    );
  }
  if (!me.data) return <Navigate to="/login" replace state={{ from: location }} />;
  return <Outlet />;
}
