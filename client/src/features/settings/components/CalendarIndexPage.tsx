import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router-dom';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { PageLoader } from '../../../lib/ui/PageLoader';
import { useServices } from '../../../lib/use-services';

/** /settings/services: opens the first service whose hours the person may edit. */
export function CalendarIndexPage() {
  const { t } = useTranslation();
  const services = useServices();
  useDocumentTitle(t('calendar.title'));

  if (services.isPending) return <PageLoader />;
  if (services.isError) return <ErrorAlert error={services.error} onRetry={() => void services.refetch()} />;
  const first = services.data.find((service) => service.canEditCalendar);
  if (first) return <Navigate to={`/settings/services/${encodeURIComponent(first.id)}/calendar`} replace />;
  return (
    <Stack gap="sm">
      <Title order={1}>{t('calendar.title')}</Title>
      <Text>{t('calendar.noService')}</Text>
    </Stack>
  );
}
