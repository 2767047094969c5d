import {
  Alert,
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  NativeSelect,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import {
  MESSAGE_KINDS,
  PLATFORMS,
  ROUTING_LANGUAGES,
  TICKET_PRIORITIES,
  type RoutingRuleView,
  type TicketPriority,
} from '@guichet/shared';
import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { validationDetails } from '../../../lib/api-details';
import { errorMessage } from '../../../lib/ui/error-message';
import { notifySuccess } from '../../../lib/ui/notify';
import { useFormErrors } from '../../../lib/use-form-errors';
import { useServices } from '../../../lib/use-services';
import { useChannelAccounts } from '../api/channel-accounts';
import { useSaveRoutingRule } from '../api/routing';
import {
  emptyRuleDraft,
  fromRuleDraft,
  ruleFieldLabel,
  ruleFieldOf,
  toRuleDraft,
  validateRuleDraft,
  type RuleDraft,
  type RuleErrors,
  type RuleField,
} from '../rule-form';
import classes from './CalendarForm.module.css';
import { RuleTestBox } from './RuleTestBox';

interface RuleFormModalProps {
  /** null: closed; 'new': create; a rule: edit it. */
  rule: RoutingRuleView | 'new' | null;
  onClose: () => void;
}

export function RuleFormModal({ rule, onClose }: RuleFormModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={rule !== null}
      onClose={onClose}
      title={rule === 'new' ? t('routingRules.createTitle') : t('routingRules.editTitle')}
      size="xl"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {rule !== null && <RuleForm key={rule === 'new' ? 'new' : rule.id} rule={rule} onDone={onClose} />}
    </Modal>
  );
}

function RuleForm({ rule, onDone }: { rule: RoutingRuleView | 'new'; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveRoutingRule();
  const services = useServices();
  const accounts = useChannelAccounts();
  const conditionsErrorId = useId();
  const actionsErrorId = useId();
  const [draft, setDraft] = useState<RuleDraft>(() =>
    rule === 'new' ? emptyRuleDraft() : toRuleDraft(rule),
  );
  const { formRef, errors, details, setDetails, show, clearError } = useFormErrors<RuleField>();

  const set = <K extends keyof RuleDraft>(key: K, value: RuleDraft[K], field?: RuleField) => {
    setDraft((current) => ({ ...current, [key]: value }));
    if (field) clearError(field);
    // Any condition or action filled in answers « at least one ».
    clearError('conditions');
    clearError('actions');
  };
  const fieldError = (field: RuleField) => errors[field]?.join(' ');

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    const clientErrors = validateRuleDraft(draft, t);
    if (Object.keys(clientErrors).length > 0) {
      show(clientErrors);
      return;
    }
    setDetails(null);
    save.mutate(
      { id: rule === 'new' ? null : rule.id, rule: fromRuleDraft(draft) },
      {
        onSuccess: () => {
          notifySuccess(t, t(rule === 'new' ? 'routingRules.created' : 'routingRules.updated'));
          onDone();
        },
        onError: (failure) => {
          const found = validationDetails(failure);
          const fieldErrors: RuleErrors = {};
          for (const detail of found) {
            const field = ruleFieldOf(detail.path);
            if (field) (fieldErrors[field] ??= []).push(detail.message);
          }
          show(fieldErrors, found.length ? found : [{ path: '', message: errorMessage(failure, t) }]);
        },
      },
    );
  };

  const accountOptions = accounts.data ?? [];
  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate>
      <Stack gap="md">
        {details && (
          <Alert color="red.9" variant="outline" role="alert" title={t('routingRules.invalidTitle')}>
            <List size="sm">
              {details.map((detail, index) => (
                <List.Item key={index}>
                  {detail.path
                    ? t('calendar.detail', { field: ruleFieldLabel(detail.path, t), message: detail.message })
                    : detail.message}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        <TextInput
          label={t('routingRules.name')}
          value={draft.name}
          onChange={(event) => set('name', event.currentTarget.value, 'name')}
          error={fieldError('name')}
          maxLength={100}
          withAsterisk
          aria-required
          data-autofocus
        />
        <Group gap="lg">
          <Checkbox
            label={t('routingRules.enabled')}
            checked={draft.enabled}
            onChange={(event) => set('enabled', event.currentTarget.checked)}
          />
          <Checkbox
            label={t('routingRules.continue')}
            description={t('routingRules.continueHint')}
            checked={draft.continue}
            onChange={(event) => set('continue', event.currentTarget.checked)}
          />
        </Group>

        <fieldset
          className={classes.section}
          aria-describedby={errors.conditions ? conditionsErrorId : undefined}
        >
          <legend className={classes.sectionLegend}>{t('routingRules.conditionsLegend')}</legend>
          <Stack gap="sm">
            <Text size="sm">{t('routingRules.conditionsHint')}</Text>
            {errors.conditions && (
              <Text id={conditionsErrorId} size="sm" c="red.9" fw={600}>
                {errors.conditions.join(' ')}
              </Text>
            )}
            <Textarea
              label={t('routingRules.field.keywords')}
              description={t('routingRules.keywordsHint')}
              value={draft.keywords}
              onChange={(event) => set('keywords', event.currentTarget.value, 'keywords')}
              error={fieldError('keywords')}
              autosize
              minRows={2}
              maxRows={8}
            />
            <Group align="flex-end" gap="sm">
              <TextInput
                label={t('routingRules.field.regexPattern')}
                description={t('routingRules.regexHint')}
                value={draft.regexPattern}
                onChange={(event) => set('regexPattern', event.currentTarget.value, 'regexPattern')}
                error={fieldError('regexPattern')}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                autoComplete="off"
                spellCheck={false}
                style={{ flex: 1 }}
              />
              <Checkbox
                mb={errors.regexPattern ? 30 : 8}
                label={t('routingRules.ignoreCase')}
                checked={draft.regexIgnoreCase}
                onChange={(event) => set('regexIgnoreCase', event.currentTarget.checked)}
              />
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
              <Checkbox.Group
                label={t('routingRules.field.platforms')}
                value={draft.platforms}
                onChange={(value) => set('platforms', value, 'platforms')}
                error={fieldError('platforms')}
              >
                <Stack gap={6} mt={6}>
                  {PLATFORMS.map((platform) => (
                    <Checkbox key={platform} value={platform} label={t(`platform.${platform}`)} />
                  ))}
                </Stack>
              </Checkbox.Group>
              <Checkbox.Group
                label={t('routingRules.field.kinds')}
                value={draft.kinds}
                onChange={(value) => set('kinds', value, 'kinds')}
                error={fieldError('kinds')}
              >
                <Stack gap={6} mt={6}>
                  {MESSAGE_KINDS.map((kind) => (
                    <Checkbox key={kind} value={kind} label={t(`routingRules.kind.${kind}`)} />
                  ))}
                </Stack>
              </Checkbox.Group>
              <Checkbox.Group
                label={t('routingRules.field.languages')}
                value={draft.languages}
                onChange={(value) => set('languages', value, 'languages')}
                error={fieldError('languages')}
              >
                <Stack gap={6} mt={6}>
                  {ROUTING_LANGUAGES.map((language) => (
                    <Checkbox
                      key={language}
                      value={language}
                      label={t(`routingRules.language.${language}`)}
                    />
                  ))}
                </Stack>
              </Checkbox.Group>
            </SimpleGrid>
            {accountOptions.length > 0 && (
              <Checkbox.Group
                label={t('routingRules.field.channelAccountIds')}
                value={draft.channelAccountIds}
                onChange={(value) => set('channelAccountIds', value, 'channelAccountIds')}
                error={fieldError('channelAccountIds')}
              >
                <Stack gap={6} mt={6}>
                  {accountOptions.map((account) => (
                    <Checkbox
                      key={account.id}
                      value={account.id}
                      label={`${account.name} (${t(`platform.${account.platform}`)})`}
                    />
                  ))}
                </Stack>
              </Checkbox.Group>
            )}
            <TextInput
              label={t('routingRules.field.contactTags')}
              description={t('routingRules.commaHint')}
              value={draft.contactTags}
              onChange={(event) => set('contactTags', event.currentTarget.value, 'contactTags')}
              error={fieldError('contactTags')}
            />
            <Radio.Group
              label={t('routingRules.field.staffedHours')}
              value={draft.staffedHours}
              onChange={(value) => set('staffedHours', value, 'staffedHours')}
              error={fieldError('staffedHours')}
            >
              <Group gap="lg" mt={6}>
                <Radio value="" label={t('routingRules.staffed.any')} />
                <Radio value="inside" label={t('routingRules.staffed.inside')} />
                <Radio value="outside" label={t('routingRules.staffed.outside')} />
              </Group>
            </Radio.Group>
          </Stack>
        </fieldset>

        <fieldset className={classes.section} aria-describedby={errors.actions ? actionsErrorId : undefined}>
          <legend className={classes.sectionLegend}>{t('routingRules.actionsLegend')}</legend>
          <Stack gap="sm">
            {errors.actions && (
              <Text id={actionsErrorId} size="sm" c="red.9" fw={600}>
                {errors.actions.join(' ')}
              </Text>
            )}
            <Group grow align="flex-start">
              <NativeSelect
                label={t('routingRules.field.serviceId')}
                data={[
                  { value: '', label: t('routingRules.noService') },
                  ...(services.data ?? []).map((service) => ({ value: service.id, label: service.name })),
                ]}
                value={draft.serviceId}
                onChange={(event) => set('serviceId', event.currentTarget.value, 'serviceId')}
                error={fieldError('serviceId')}
              />
              <NativeSelect
                label={t('routingRules.field.priority')}
                data={[
                  { value: '', label: t('routingRules.noPriority') },
                  ...TICKET_PRIORITIES.map((priority) => ({
                    value: priority,
                    label: t(`priorityOption.${priority}`),
                  })),
                ]}
                value={draft.priority}
                onChange={(event) =>
                  set('priority', event.currentTarget.value as TicketPriority | '', 'priority')
                }
                error={fieldError('priority')}
              />
            </Group>
            <TextInput
              label={t('routingRules.field.tags')}
              description={t('routingRules.commaHint')}
              value={draft.tags}
              onChange={(event) => set('tags', event.currentTarget.value, 'tags')}
              error={fieldError('tags')}
            />
            <Checkbox
              label={t('routingRules.sensitive')}
              description={t('routingRules.sensitiveHint')}
              checked={draft.sensitive}
              onChange={(event) => set('sensitive', event.currentTarget.checked)}
            />
          </Stack>
        </fieldset>

        <RuleTestBox draft={draft} />

        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('routingRules.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('routingRules.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
