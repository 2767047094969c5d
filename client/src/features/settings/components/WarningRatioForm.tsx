import { Stack, Text, Title } from '@mantine/core';
import type { SlaSettings } from '@guichet/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../lib/ui/notify';
import { useSaveSlaSettings } from '../api/sla-settings';
import { failureText, PercentFieldForm } from './PercentFieldForm';

interface WarningRatioFormProps {
  settings: SlaSettings;
  canEdit: boolean;
}

/** "Warn at 80 %": the share of a target after which the server pushes `sla.warning`. */
export function WarningRatioForm({ settings, canEdit }: WarningRatioFormProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const save = useSaveSlaSettings();
  return (
    <Stack component="section" gap="sm" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        {t('slaSettings.title')}
      </Title>
      {canEdit ? (
        <PercentFieldForm
          key={settings.warningRatio}
          label={t('slaSettings.warningPercent')}
          hint={t('slaSettings.hint')}
          saveLabel={t('slaSettings.save')}
          invalidMessage={t('slaSettings.invalid')}
          min={5}
          max={99}
          ratio={settings.warningRatio}
          saving={save.isPending}
          onSave={(warningRatio, fail) =>
            save.mutate(
              { warningRatio },
              {
                onSuccess: () => notifySuccess(t, t('slaSettings.saved')),
                onError: (failure) => fail(failureText(failure, t)),
              },
            )
          }
        />
      ) : (
        <Text>{t('slaSettings.readOnlyValue', { percent: Math.round(settings.warningRatio * 100) })}</Text>
      )}
    </Stack>
  );
}
