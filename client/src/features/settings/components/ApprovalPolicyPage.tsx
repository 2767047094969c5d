import { Button, Fieldset, Group, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { errorMessage } from '../../../lib/ui/error-message';
import { notifySuccess } from '../../../lib/ui/notify';
import { useApprovalPolicy, useSaveApprovalPolicy } from '../api/approval-policy';
import { fromPolicyForm, toPolicyForm, type ApprovalPolicyForm } from '../approval-policy-form';

/** The policy's lists, one entry per line in a text area. */
const LIST_FIELDS = [
  { key: 'keywords', label: 'keywords', rows: 3 },
  { key: 'sensitiveContactTags', label: 'contactTags', rows: 2 },
  { key: 'publicReplyTags', label: 'publicTags', rows: 2 },
] as const satisfies ReadonlyArray<{ key: keyof ApprovalPolicyForm; label: string; rows: number }>;

/** Administrators: which replies wait for a service head's approval (SPEC §5). */
export function ApprovalPolicyPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('approvalPolicy.title'));
  const policy = useApprovalPolicy();
  return (
    <Stack gap="md">
      <Title order={1}>{t('approvalPolicy.title')}</Title>
      <Text>{t('approvalPolicy.intro')}</Text>
      {policy.isError && !policy.data && (
        <ErrorAlert error={policy.error} onRetry={() => void policy.refetch()} />
      )}
      {policy.data && <PolicyForm key={JSON.stringify(policy.data)} initial={toPolicyForm(policy.data)} />}
    </Stack>
  );
}

function PolicyForm({ initial }: { initial: ApprovalPolicyForm }) {
  const { t } = useTranslation();
  const save = useSaveApprovalPolicy();
  const [form, setForm] = useState(initial);
  const [reserveError, setReserveError] = useState<string | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);
  const set = <K extends keyof ApprovalPolicyForm>(key: K, value: ApprovalPolicyForm[K]) => {
    setForm((current) => ({ ...current, [key]: value }));
    setServerError(null);
    if (key === 'reserveFrom' || key === 'reserveTo') setReserveError(null);
  };

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = fromPolicyForm(form);
    if (body === 'reserveIncomplete') {
      setReserveError(t('approvalPolicy.reserveIncomplete'));
      event.currentTarget.querySelector<HTMLInputElement>('input[type="date"]')?.focus();
      return;
    }
    save.mutate(body, {
      onSuccess: () => notifySuccess(t, t('approvalPolicy.saved')),
      onError: (failure) => setServerError(errorMessage(failure, t)),
    });
  };

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="md" maw={720}>
        {LIST_FIELDS.map(({ key, label, rows }) => (
          <Textarea
            key={key}
            label={t(`approvalPolicy.${label}`)}
            description={t(`approvalPolicy.${label}Hint`)}
            value={form[key]}
            onChange={(event) => set(key, event.currentTarget.value)}
            autosize
            minRows={rows}
          />
        ))}
        <Switch
          label={t('approvalPolicy.freeText')}
          description={t('approvalPolicy.freeTextHint')}
          checked={form.freeTextNeedsApproval}
          onChange={(event) => set('freeTextNeedsApproval', event.currentTarget.checked)}
        />
        <Fieldset legend={t('approvalPolicy.reserve')}>
          <Stack gap="xs">
            <Text size="sm">{t('approvalPolicy.reserveHint')}</Text>
            <Group gap="md" align="flex-start">
              <TextInput
                type="date"
                label={t('approvalPolicy.reserveFrom')}
                value={form.reserveFrom}
                onChange={(event) => set('reserveFrom', event.currentTarget.value)}
                error={reserveError ?? undefined}
              />
              <TextInput
                type="date"
                label={t('approvalPolicy.reserveTo')}
                value={form.reserveTo}
                onChange={(event) => set('reserveTo', event.currentTarget.value)}
                error={reserveError ? true : undefined}
              />
            </Group>
          </Stack>
        </Fieldset>
        {serverError && (
          <div role="alert">
            <Text c="red.9" fw={700}>
              {t('approvalPolicy.failedTitle')}
            </Text>
            <Text c="red.9">{serverError}</Text>
          </div>
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('approvalPolicy.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
