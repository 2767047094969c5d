import {
  Alert,
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  Radio,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { ServiceView } from '@guichet/shared';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { validationDetails } from '../../../lib/api-details';
import { errorMessage } from '../../../lib/ui/error-message';
import { notifySuccess } from '../../../lib/ui/notify';
import { useFormErrors } from '../../../lib/use-form-errors';
import { useSaveService } from '../api/services-admin';
import {
  emptyServiceDraft,
  fromServiceDraft,
  serviceFieldOf,
  toServiceDraft,
  validateServiceDraft,
  type ServiceDraft,
  type ServiceErrors,
  type ServiceField,
} from '../service-form';

interface ServiceFormModalProps {
  service: ServiceView | 'new' | null;
  onClose: () => void;
}

export function ServiceFormModal({ service, onClose }: ServiceFormModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={service !== null}
      onClose={onClose}
      title={service === 'new' ? t('servicesAdmin.createTitle') : t('servicesAdmin.editTitle')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {service !== null && (
        <ServiceForm key={service === 'new' ? 'new' : service.id} service={service} onDone={onClose} />
      )}
    </Modal>
  );
}

function ServiceForm({ service, onDone }: { service: ServiceView | 'new'; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveService();
  const [draft, setDraft] = useState<ServiceDraft>(() =>
    service === 'new' ? emptyServiceDraft() : toServiceDraft(service),
  );
  const { formRef, errors, details, setDetails, show, clearError } = useFormErrors<ServiceField>();
  const set = <K extends ServiceField>(key: K, value: ServiceDraft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    clearError(key);
  };
  const fieldError = (field: ServiceField) => errors[field]?.join(' ');
  const triage = service !== 'new' && service.isTriage;

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    const clientErrors = validateServiceDraft(draft, t);
    if (Object.keys(clientErrors).length > 0) {
      show(clientErrors);
      return;
    }
    setDetails(null);
    save.mutate(
      {
        id: service === 'new' ? null : service.id,
        // The triage service is internal: never listed, whatever the box said.
        service: fromServiceDraft({ ...draft, open311Listed: draft.open311Listed && !triage }),
      },
      {
        onSuccess: () => {
          notifySuccess(t, t(service === 'new' ? 'servicesAdmin.created' : 'servicesAdmin.updated'));
          onDone();
        },
        onError: (failure) => {
          const found = validationDetails(failure);
          const fieldErrors: ServiceErrors = {};
          for (const detail of found) {
            const field = serviceFieldOf(detail);
            if (field) (fieldErrors[field] ??= []).push(detail.message);
          }
          show(fieldErrors, found.length ? found : [{ path: '', message: errorMessage(failure, t) }]);
        },
      },
    );
  };

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate>
      <Stack gap="md">
        {details && (
          <Alert color="red.9" variant="outline" role="alert" title={t('servicesAdmin.invalidTitle')}>
            <List size="sm">
              {details.map((detail, index) => (
                <List.Item key={index}>
                  {detail.path ? `${detail.path} : ${detail.message}` : detail.message}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        <TextInput
          label={t('servicesAdmin.name')}
          value={draft.name}
          onChange={(event) => set('name', event.currentTarget.value)}
          error={fieldError('name')}
          maxLength={120}
          withAsterisk
          aria-required
          data-autofocus
        />
        <TextInput
          label={t('servicesAdmin.slug')}
          description={t(service === 'new' ? 'servicesAdmin.slugHintNew' : 'servicesAdmin.slugHint')}
          value={draft.slug}
          onChange={(event) => set('slug', event.currentTarget.value)}
          error={fieldError('slug')}
          maxLength={64}
          autoComplete="off"
          spellCheck={false}
        />
        <Textarea
          label={t('servicesAdmin.description')}
          value={draft.description}
          onChange={(event) => set('description', event.currentTarget.value)}
          error={fieldError('description')}
          autosize
          minRows={2}
          maxLength={2000}
        />
        <TextInput
          label={t('servicesAdmin.keywords')}
          description={t('servicesAdmin.keywordsHint')}
          value={draft.keywords}
          onChange={(event) => set('keywords', event.currentTarget.value)}
          error={fieldError('keywords')}
        />
        <Checkbox
          label={t('servicesAdmin.open311Listed')}
          description={triage ? t('servicesAdmin.triageNeverListed') : t('servicesAdmin.open311ListedHint')}
          checked={draft.open311Listed && !triage}
          disabled={triage}
          onChange={(event) => set('open311Listed', event.currentTarget.checked)}
        />
        <TextInput
          label={t('servicesAdmin.open311Group')}
          value={draft.open311Group}
          onChange={(event) => set('open311Group', event.currentTarget.value)}
          error={fieldError('open311Group')}
          maxLength={80}
        />
        <Radio.Group
          label={t('servicesAdmin.assignment')}
          value={draft.assignmentMode}
          onChange={(value) => set('assignmentMode', value)}
          error={fieldError('assignmentMode')}
        >
          <Stack gap={6} mt={6}>
            <Radio value="manual" label={t('servicesAdmin.manualOption')} />
            <Radio value="round_robin" label={t('servicesAdmin.roundRobinOption')} />
          </Stack>
        </Radio.Group>
        <TextInput
          label={t('servicesAdmin.cap')}
          description={t('servicesAdmin.capHint')}
          value={draft.maxOpenPerAgent}
          onChange={(event) => set('maxOpenPerAgent', event.currentTarget.value)}
          error={fieldError('maxOpenPerAgent')}
          inputMode="numeric"
          pattern="[0-9]*"
          maxLength={5}
          autoComplete="off"
          maw={260}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('servicesAdmin.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('servicesAdmin.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
