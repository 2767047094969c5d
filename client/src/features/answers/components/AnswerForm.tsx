import {
  Alert,
  Button,
  Group,
  List,
  NativeSelect,
  Radio,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { ANSWER_SUITABILITIES, parseTemplate, type AnswerSuitability } from '@guichet/shared';
import { useEffect, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldDetail } from '../../../lib/api-details';
import { useServices } from '../../../lib/use-services';
import { useFormErrors } from '../../../lib/use-form-errors';
import {
  answerErrorsFromDetails,
  validateAnswerDraft,
  type AnswerDraft,
  type AnswerErrors,
  type AnswerField,
} from '../answer-form';

interface AnswerFormProps {
  initial: AnswerDraft;
  /** Creating: the service is chosen here; editing: it is fixed. */
  withService: boolean;
  submitLabel: string;
  help?: string;
  pending: boolean;
  onSubmit: (draft: AnswerDraft) => void;
  /** The server's refusal, as field details (or one general message). */
  failure: FieldDetail[] | null;
}

const isSuitability = (value: string): value is AnswerSuitability =>
  (ANSWER_SUITABILITIES as readonly string[]).includes(value);

export function AnswerForm({
  initial,
  withService,
  submitLabel,
  help,
  pending,
  onSubmit,
  failure,
}: AnswerFormProps) {
  const { t } = useTranslation();
  const services = useServices();
  const [draft, setDraft] = useState<AnswerDraft>(initial);
  const { formRef, errors, details, show, clearError } = useFormErrors<AnswerField>();

  // The server refused: mark its fields, list what belongs to none.
  useEffect(() => {
    if (failure) show(answerErrorsFromDetails(failure), failure);
    // `show` is a new function each render: the failure alone triggers this.
  }, [failure]);

  const set = <K extends AnswerField>(field: K, value: AnswerDraft[K]) => {
    setDraft((current) => ({ ...current, [field]: value }));
    clearError(field);
  };

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const clientErrors: AnswerErrors = validateAnswerDraft(draft, t, withService);
    if (Object.keys(clientErrors).length > 0) {
      show(clientErrors);
      return;
    }
    onSubmit({ ...draft, title: draft.title.trim(), body: draft.body.trim() });
  };

  const parsed = parseTemplate(draft.body);
  const fieldError = (field: AnswerField) => errors[field]?.join(' ');
  // Details no field claims (a conflict, a network failure) are listed above the form.
  const general = details?.filter((d) => Object.keys(answerErrorsFromDetails([d])).length === 0);

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate>
      <Stack gap="md">
        {help && <Text size="sm">{help}</Text>}
        {general && general.length > 0 && (
          <Alert color="red.9" variant="outline" role="alert" title={t('answers.invalidTitle')}>
            <List size="sm">
              {general.map((detail, index) => (
                <List.Item key={index}>{detail.message}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {withService && (
          <NativeSelect
            label={t('answers.fieldService')}
            value={draft.serviceId}
            onChange={(event) => set('serviceId', event.currentTarget.value)}
            data={[
              { value: '', label: '—' },
              ...(services.data ?? []).map((s) => ({ value: s.id, label: s.name })),
            ]}
            error={fieldError('serviceId')}
            withAsterisk
            aria-required
          />
        )}
        <TextInput
          label={t('answers.fieldTitle')}
          value={draft.title}
          onChange={(event) => set('title', event.currentTarget.value)}
          error={fieldError('title')}
          withAsterisk
          aria-required
          maxLength={200}
        />
        <Textarea
          label={t('answers.fieldBody')}
          description={t('answers.fieldBodyHelp')}
          value={draft.body}
          onChange={(event) => set('body', event.currentTarget.value)}
          error={fieldError('body')}
          withAsterisk
          aria-required
          autosize
          minRows={5}
          maxRows={16}
        />
        {parsed.ok && parsed.placeholders.length > 0 && (
          <Text size="sm">
            {t('answers.placeholdersFound', { names: parsed.placeholders.map((n) => `{${n}}`).join(', ') })}
          </Text>
        )}
        <TagsInput
          label={t('answers.fieldTags')}
          description={t('answers.fieldTagsHelp')}
          value={draft.tags}
          onChange={(tags) => set('tags', tags)}
          error={fieldError('tags')}
          clearable={false}
          maxTags={12}
        />
        <Radio.Group
          label={t('answers.suitableForLabel')}
          value={draft.suitableFor}
          onChange={(value) => {
            if (isSuitability(value)) set('suitableFor', value);
          }}
          error={fieldError('suitableFor')}
        >
          <Group gap="lg" mt={4}>
            {ANSWER_SUITABILITIES.map((s) => (
              <Radio key={s} value={s} label={t(`answers.suitableFor.${s}`)} />
            ))}
          </Group>
        </Radio.Group>
        <Group justify="flex-end">
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
