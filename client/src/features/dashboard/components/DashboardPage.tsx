import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/use-locale';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { PageLoader } from '../../../lib/ui/PageLoader';
import { useDashboardSummary } from '../api/get-dashboard-summary';

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="md">
      <Text component="dt" size="sm" fw={600}>
        {label}
      </Text>
      <Text component="dd" m={0} fz={32} fw={700} lh={1.2} style={{ whiteSpace: 'nowrap' }}>
        {value}
      </Text>
    </Paper>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const summary = useDashboardSummary();
  useDocumentTitle(t('dashboard.title'));
  const number = new Intl.NumberFormat(locale);

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('dashboard.title')}</Title>
        <Text>{t('dashboard.intro')}</Text>
      </div>
      {summary.isPending && <PageLoader />}
      {summary.isError && !summary.data && (
        <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />
      )}
      {summary.data && (
        <SimpleGrid component="dl" cols={{ base: 1, sm: 2, lg: 4 }} m={0}>
          <Stat label={t('dashboard.ticketCount')} value={number.format(summary.data.ticketCount)} />
          <Stat label={t('dashboard.openCount')} value={number.format(summary.data.openCount)} />
          <Stat label={t('dashboard.respondedCount')} value={number.format(summary.data.respondedCount)} />
          <Stat
            label={t('dashboard.medianFirstResponse')}
            value={formatDuration(summary.data.medianFirstResponseMinutes)}
          />
        </SimpleGrid>
      )}
    </Stack>
  );
}
