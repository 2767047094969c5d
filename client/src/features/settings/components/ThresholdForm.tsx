import { Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { notifySuccess } from '../../../lib/ui/notify';
import { useRoutingSettings, useSaveRoutingSettings } from '../api/routing';
import { failureText, PercentFieldForm } from './PercentFieldForm';

/** The confidence the classifier's best service needs to route a message without an agent. */
export function ThresholdForm() {
  const { t } = useTranslation();
  const headingId = useId();
  const settings = useRoutingSettings();
  const save = useSaveRoutingSettings();
  return (
    <Stack component="section" gap="sm" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        {t('routingSettings.title')}
      </Title>
      <Text size="sm">{t('routingSettings.intro')}</Text>
      {settings.isError && !settings.data && (
        <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />
      )}
      {settings.data && (
        <PercentFieldForm
          key={settings.data.confidenceThreshold}
          label={t('routingSettings.threshold')}
          hint={t('routingSettings.hint')}
          saveLabel={t('routingSettings.save')}
          invalidMessage={t('routingSettings.invalid')}
          min={50}
          max={99}
          ratio={settings.data.confidenceThreshold}
          saving={save.isPending}
          onSave={(confidenceThreshold, fail) =>
            save.mutate(
              { confidenceThreshold },
              {
                onSuccess: () => notifySuccess(t, t('routingSettings.saved')),
                onError: (failure) => fail(failureText(failure, t)),
              },
            )
          }
        />
      )}
    </Stack>
  );
}
