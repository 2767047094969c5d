import { Container, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, type Location } from 'react-router-dom';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { PageLoader } from '../../../lib/ui/PageLoader';
import { useMe } from '../api/get-me';
import { canReturnTo, homePathFor } from '../home-path';
import { LoginForm } from './LoginForm';

/** The page the guard sent the person away from, if any. */
function fromPath(state: unknown): string | null {
  if (typeof state !== 'object' || state === null || !('from' in state)) return null;
  const from = (state as { from?: Partial<Location> }).from;
  return from?.pathname ? `${from.pathname}${from.search ?? ''}` : null;
}

export function LoginPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  useDocumentTitle(t('login.title'));

  if (me.isPending) return <PageLoader />;
  if (me.data) {
    const from = fromPath(location.state);
    return <Navigate to={from && canReturnTo(me.data, from) ? from : homePathFor(me.data)} replace />;
  }

  return (
    <Container size={420} py="xl">
      <Title order={1} mb="xs">
        {t('login.title')}
      </Title>
      <Text mb="lg">{t('login.intro')}</Text>
      <Paper withBorder p="lg">
        <LoginForm />
      </Paper>
    </Container>
  );
}
