import { Alert, Button, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ClassifierStatus } from '@guichet/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/use-locale';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { notifyFailure, notifySuccess } from '../../../lib/ui/notify';
import { useClassifierStatus, useTrainClassifier } from '../api/routing';

const percent = (x: number, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(x);
const decimal = (x: number, locale: string) =>
  new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x);

/** What the town's classifier learnt, how well (cross-validated), and a button to retrain it now. */
export function ClassifierPanel() {
  const { t } = useTranslation();
  const headingId = useId();
  const status = useClassifierStatus();
  const train = useTrainClassifier();

  const retrain = () =>
    train.mutate(undefined, {
      onSuccess: () => notifySuccess(t, t('classifier.trained')),
      onError: (failure) => notifyFailure(t, t('classifier.failedTitle'), failure),
    });

  return (
    <Stack component="section" gap="sm" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        {t('classifier.title')}
      </Title>
      <Text size="sm">{t('classifier.intro')}</Text>
      {status.isError && !status.data && (
        <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />
      )}
      {status.data && <ClassifierFacts status={status.data} />}
      <Group>
        <Button variant="outline" onClick={retrain} loading={train.isPending}>
          {t('classifier.retrain')}
        </Button>
      </Group>
    </Stack>
  );
}

function ClassifierFacts({ status }: { status: ClassifierStatus }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!status.trained) {
    return (
      <Alert color="gray.8" variant="outline">
        {t('classifier.untrained')}
      </Alert>
    );
  }
  const m = status.metrics;
  const facts: Array<[string, string]> = [
    [t('classifier.trainedAt'), status.trainedAt ? formatDateTime(status.trainedAt, locale) : '—'],
    [t('classifier.trigger'), status.trigger ? t(`classifier.triggers.${status.trigger}`) : '—'],
    [t('classifier.examples'), String(status.trainingExamples)],
    [t('classifier.learnedSince'), String(status.learnedSince)],
    [t('classifier.macroF1'), m ? decimal(m.macroF1, locale) : '—'],
    [
      t('classifier.routedShare', { threshold: m ? percent(m.threshold, locale) : '—' }),
      m ? percent(m.routedShare, locale) : '—',
    ],
    [t('classifier.routedAccuracy'), m?.routedAccuracy != null ? percent(m.routedAccuracy, locale) : '—'],
    [
      t('classifier.nextTraining'),
      status.nextTrainingAt ? formatDateTime(status.nextTrainingAt, locale) : t('classifier.noSchedule'),
    ],
  ];
  return (
    <Stack gap="sm">
      <SimpleGrid component="dl" cols={{ base: 1, xs: 2, md: 4 }} spacing="md" m={0}>
        {facts.map(([label, value]) => (
          <div key={label}>
            <Text component="dt" size="sm" fw={600}>
              {label}
            </Text>
            <Text component="dd" m={0}>
              {value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      {m && m.perService.length > 0 && (
        <Table.ScrollContainer minWidth={480}>
          <Table striped withTableBorder verticalSpacing={4} captionSide="top">
            <Table.Caption>
              <Text size="sm" ta="start">
                {t('classifier.perServiceCaption', { folds: m.folds })}
              </Text>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('classifier.service')}</Table.Th>
                <Table.Th scope="col">{t('classifier.support')}</Table.Th>
                <Table.Th scope="col">{t('classifier.precision')}</Table.Th>
                <Table.Th scope="col">{t('classifier.recall')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {m.perService.map((s) => (
                <Table.Tr key={s.serviceId}>
                  <Table.Th scope="row" fw={500}>
                    {s.serviceName ?? t('classifier.deletedService')}
                  </Table.Th>
                  <Table.Td>{s.support}</Table.Td>
                  <Table.Td>{percent(s.precision, locale)}</Table.Td>
                  <Table.Td>{percent(s.recall, locale)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
