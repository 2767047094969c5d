import { Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { SlaSettings } from '@guichet/shared';
import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { validationDetails } from '../../../lib/api-details';
import { errorMessage } from '../../../lib/ui/error-message';
import { useSaveSlaSettings } from '../api/sla-settings';

const MIN_PERCENT = 5;
const MAX_PERCENT = 99;

function toPercent(ratio: number): string {
  return String(Math.round(ratio * 100));
}

interface WarningRatioFormProps {
  settings: SlaSettings;
  canEdit: boolean;
}

/** "Warn at 80 %": the share of a target after which the server pushes `sla.warning`. */
export function WarningRatioForm({ settings, canEdit }: WarningRatioFormProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const save = useSaveSlaSettings();
  const [value, setValue] = useState(() => toPercent(settings.warningRatio));
  const [error, setError] = useState<string | undefined>();

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    const text = value.trim().replace(/\s*%$/, '');
    const percent = Number(text);
    if (!/^\d+$/.test(text) || percent < MIN_PERCENT || percent > MAX_PERCENT) {
      setError(t('slaSettings.invalid'));
      return;
    }
    setError(undefined);
    save.mutate(
      { warningRatio: percent / 100 },
      {
        onSuccess: (saved) => {
          if (saved) setValue(toPercent(saved.warningRatio));
          notifications.show({
            color: 'teal.9',
            role: 'status',
            message: t('slaSettings.saved'),
            closeButtonProps: { 'aria-label': t('common.close') },
          });
        },
        onError: (failure) => {
          const details = validationDetails(failure);
          setError(
            details.length ? details.map((detail) => detail.message).join(' ') : errorMessage(failure, t),
          );
        },
      },
    );
  };

  return (
    <Stack component="section" gap="sm" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        {t('slaSettings.title')}
      </Title>
      {canEdit ? (
        <form onSubmit={handleSubmit} noValidate>
          <Group align="flex-start" gap="sm">
            <TextInput
              label={t('slaSettings.warningPercent')}
              description={t('slaSettings.hint')}
              value={value}
              onChange={(event) => {
                setValue(event.currentTarget.value);
                setError(undefined);
              }}
              error={error}
              inputMode="numeric"
              pattern="[0-9]*"
              maxLength={3}
              rightSection={<span aria-hidden>%</span>}
              autoComplete="off"
              maw={420}
            />
            <Button type="submit" mt={46} loading={save.isPending}>
              {t('slaSettings.save')}
            </Button>
          </Group>
        </form>
      ) : (
        <Text>{t('slaSettings.readOnlyValue', { percent: toPercent(settings.warningRatio) })}</Text>
      )}
    </Stack>
  );
}
