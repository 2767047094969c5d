import {
  Alert,
  Button,
  Group,
  List,
  Modal,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  PLATFORMS,
  TICKET_PRIORITIES,
  type Platform,
  type SlaPolicyView,
  type TicketPriority,
} from '@guichet/shared';
import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { validationDetails } from '../../../lib/api-details';
import { errorMessage } from '../../../lib/ui/error-message';
import { useSaveSlaPolicy } from '../api/sla-policies';
import {
  emptyPolicyDraft,
  fromPolicyDraft,
  isHoursValid,
  isMinutesValid,
  isPolicyField,
  policyFieldLabel,
  TARGET_FIELDS,
  TARGET_LABEL_KEYS,
  toPolicyDraft,
  validatePolicyDraft,
  type PolicyDraft,
  type PolicyErrors,
  type TargetField,
} from '../policy-form';
import classes from './CalendarForm.module.css';
import { RowError, RowInput } from './RowInput';
import { useFormErrors } from '../../../lib/use-form-errors';

interface PolicyFormModalProps {
  /** null: closed; 'new': create; a policy: edit it. */
  policy: SlaPolicyView | 'new' | null;
  onClose: () => void;
}

export function PolicyFormModal({ policy, onClose }: PolicyFormModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={policy !== null}
      onClose={onClose}
      title={policy === 'new' ? t('slaPolicies.createTitle') : t('slaPolicies.editTitle')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {policy !== null && (
        <PolicyForm key={policy === 'new' ? 'new' : policy.id} policy={policy} onDone={onClose} />
      )}
    </Modal>
  );
}

function PolicyForm({ policy, onDone }: { policy: SlaPolicyView | 'new'; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveSlaPolicy();
  const idPrefix = useId();
  const [draft, setDraft] = useState<PolicyDraft>(() =>
    policy === 'new' ? emptyPolicyDraft() : toPolicyDraft(policy),
  );
  const { formRef, errors, details, setDetails, show, clearError } = useFormErrors<keyof PolicyErrors>();

  const setTarget = (field: TargetField, part: 'hours' | 'minutes', value: string) => {
    setDraft((current) => ({
      ...current,
      targets: { ...current.targets, [field]: { ...current.targets[field], [part]: value } },
    }));
    clearError(field);
  };

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    const clientErrors = validatePolicyDraft(draft, t);
    if (Object.keys(clientErrors).length > 0) {
      show(clientErrors);
      return;
    }
    setDetails(null);
    save.mutate(
      { id: policy === 'new' ? null : policy.id, policy: fromPolicyDraft(draft) },
      {
        onSuccess: () => {
          notifications.show({
            color: 'teal.9',
            role: 'status',
            message: t(policy === 'new' ? 'slaPolicies.created' : 'slaPolicies.updated'),
            closeButtonProps: { 'aria-label': t('common.close') },
          });
          onDone();
        },
        onError: (failure) => {
          const found = validationDetails(failure);
          const fieldErrors: PolicyErrors = {};
          for (const detail of found) {
            if (isPolicyField(detail.path)) (fieldErrors[detail.path] ??= []).push(detail.message);
          }
          show(fieldErrors, found.length ? found : [{ path: '', message: errorMessage(failure, t) }]);
        },
      },
    );
  };

  const fieldError = (field: keyof PolicyErrors) => errors[field]?.join(' ');

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate>
      <Stack gap="md">
        {details && (
          <Alert color="red.9" variant="outline" role="alert" title={t('slaPolicies.invalidTitle')}>
            <List size="sm">
              {details.map((detail, index) => (
                <List.Item key={index}>
                  {detail.path
                    ? t('calendar.detail', {
                        field: policyFieldLabel(detail.path, t),
                        message: detail.message,
                      })
                    : detail.message}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        <TextInput
          label={t('slaPolicies.name')}
          value={draft.name}
          onChange={(event) => {
            const name = event.currentTarget.value;
            setDraft((current) => ({ ...current, name }));
            clearError('name');
          }}
          error={fieldError('name')}
          withAsterisk
          aria-required
          data-autofocus
        />
        <Group grow align="flex-start">
          <NativeSelect
            label={t('slaPolicies.priority')}
            data={[
              { value: '', label: t('slaPolicies.anyPriorityOption') },
              ...TICKET_PRIORITIES.map((priority) => ({
                value: priority,
                label: t(`priorityOption.${priority}`),
              })),
            ]}
            value={draft.priority}
            onChange={(event) => {
              const priority = event.currentTarget.value as TicketPriority | '';
              setDraft((current) => ({ ...current, priority }));
              clearError('priority');
            }}
            error={fieldError('priority')}
          />
          <NativeSelect
            label={t('slaPolicies.channel')}
            data={[
              { value: '', label: t('slaPolicies.anyChannelOption') },
              ...PLATFORMS.map((platform) => ({ value: platform, label: t(`platform.${platform}`) })),
            ]}
            value={draft.platform}
            onChange={(event) => {
              const platform = event.currentTarget.value as Platform | '';
              setDraft((current) => ({ ...current, platform }));
              clearError('platform');
            }}
            error={fieldError('platform')}
          />
        </Group>
        <Text size="sm" fw={600}>
          {t('slaPolicies.targetsLegend')}
        </Text>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          {TARGET_FIELDS.map((field) => {
            const label = t(TARGET_LABEL_KEYS[field]);
            const errorId = `${idPrefix}-${field}-error`;
            const messages = errors[field];
            const { hours, minutes } = draft.targets[field];
            const hoursBad = !isHoursValid(hours);
            const minutesBad = !isMinutesValid(minutes);
            const both = !hoursBad && !minutesBad;
            return (
              <fieldset key={field} className={classes.section}>
                <legend className={classes.targetLegend}>{label}</legend>
                <Group gap="xs" align="flex-end">
                  <RowInput
                    label={t('slaPolicies.hours')}
                    context={t('slaPolicies.targetContext', { target: label })}
                    value={hours}
                    onChange={(event) => setTarget(field, 'hours', event.currentTarget.value)}
                    invalid={!!messages && (hoursBad || both)}
                    errorId={errorId}
                    inputMode="numeric"
                    pattern="[0-9]*"
                    autoComplete="off"
                    width="5rem"
                  />
                  <RowInput
                    label={t('slaPolicies.minutes')}
                    context={t('slaPolicies.targetContext', { target: label })}
                    value={minutes}
                    onChange={(event) => setTarget(field, 'minutes', event.currentTarget.value)}
                    invalid={!!messages && (minutesBad || both)}
                    errorId={errorId}
                    inputMode="numeric"
                    pattern="[0-9]*"
                    maxLength={2}
                    autoComplete="off"
                    width="5rem"
                  />
                </Group>
                <RowError id={errorId} messages={messages} />
              </fieldset>
            );
          })}
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('slaPolicies.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('slaPolicies.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
