import {
  Alert,
  Button,
  Fieldset,
  Group,
  List,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { countCharacters } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/use-locale';
import { useFormErrors } from '../../../lib/use-form-errors';
import type { Open311Service } from '../api/get-services';
import type { WebFormSettings } from '../api/get-web-form';
import { isOpen311RequestError } from '../api/open311-client';
import { useSubmitRequest, type ContactReceipt } from '../api/submit-request';
import {
  emptyContactDraft,
  parseProblem,
  toRequestFields,
  validateContactDraft,
  type ContactDraft,
  type ContactErrors,
  type ContactField,
} from '../contact-form';
import { newIdempotencyKey } from '../idempotency-key';
import { PositionButton } from './PositionButton';

// A group's title reads like a heading, above the labels of its fields.
const LEGEND = { legend: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)', marginBottom: 4 } };

interface ContactFormProps {
  settings: WebFormSettings;
  services: Open311Service[];
  initialService: string;
  onSent: (receipt: ContactReceipt, canBeContacted: boolean) => void;
}

export function ContactForm({ settings, services, initialService, onSent }: ContactFormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const submit = useSubmitRequest();
  // One key per form instance: a double click or a retry after a network error is stored once.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [draft, setDraft] = useState<ContactDraft>(() => emptyContactDraft(initialService));
  const { formRef, errors, show, clearError } = useFormErrors<ContactField>();
  const [problems, setProblems] = useState<string[] | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const [focusAlert, setFocusAlert] = useState(0);
  // A second click can land before the first one's pending state renders.
  const inFlight = useRef(false);
  const limits = settings.limits;

  useEffect(() => {
    if (focusAlert > 0) alertRef.current?.focus();
  }, [focusAlert]);

  const set = (field: ContactField, value: string) => {
    setDraft((current) => ({ ...current, [field]: value }));
    clearError(field);
  };

  const labelOf = (field: ContactField) => t(`contact.fields.${field}`);

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (inFlight.current) return;
    const clientErrors = validateContactDraft(draft, limits, t);
    if (Object.keys(clientErrors).length > 0) {
      setProblems(null);
      show(clientErrors);
      return;
    }
    setProblems(null);
    inFlight.current = true;
    submit.mutate(
      { apiKey: settings.api_key, idempotencyKey, fields: toRequestFields(draft) },
      {
        onSettled: () => {
          inFlight.current = false;
        },
        onSuccess: (receipt) => onSent(receipt, draft.email.trim() !== '' || draft.phone.trim() !== ''),
        onError: (failure) => {
          if (!isOpen311RequestError(failure)) {
            setProblems([t('contact.networkError')]);
            setFocusAlert((n) => n + 1);
            return;
          }
          const fieldErrors: ContactErrors = {};
          const lines = failure.descriptions.map((description) => {
            const { field, name, message } = parseProblem(description);
            if (field) (fieldErrors[field] ??= []).push(message);
            if (field) return t('contact.problem', { field: labelOf(field), message });
            // Not a field of the form (the idempotency key, a rate limit): the server's words alone.
            return name === 'idempotency_key' ? message : description;
          });
          setProblems(lines);
          if (Object.keys(fieldErrors).length > 0) show(fieldErrors);
          else setFocusAlert((n) => n + 1);
        },
      },
    );
  };

  const error = (field: ContactField) => errors[field]?.join(' ');
  const chosen = services.find((s) => s.service_code === draft.service);
  const descriptionCount = countCharacters(draft.description.trim());
  const number = (n: number) => n.toLocaleString(locale);

  const textField = (
    field: ContactField,
    props: {
      autoComplete?: string;
      type?: string;
      inputMode?: 'decimal' | 'tel' | 'email' | 'url';
      description?: string;
    } = {},
  ) => (
    <TextInput
      label={labelOf(field)}
      name={field}
      value={draft[field]}
      onChange={(event) => set(field, event.currentTarget.value)}
      error={error(field)}
      {...props}
    />
  );

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate aria-describedby="contact-required-note">
      <Stack gap="lg">
        <Text id="contact-required-note" size="sm">
          {t('contact.requiredNote')}
        </Text>
        {problems && (
          <Alert
            ref={alertRef}
            tabIndex={-1}
            color="red.9"
            variant="outline"
            role="alert"
            title={t('contact.failedTitle')}
          >
            {problems.length === 1 ? (
              <Text size="sm">{problems[0]}</Text>
            ) : (
              <List size="sm">
                {problems.map((problem, index) => (
                  <List.Item key={index}>{problem}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
        <NativeSelect
          label={labelOf('service')}
          name="service"
          required
          data={[
            { value: '', label: t('contact.chooseService') },
            ...services.map((s) => ({ value: s.service_code, label: s.service_name })),
          ]}
          value={draft.service}
          onChange={(event) => set('service', event.currentTarget.value)}
          description={chosen?.description || undefined}
          error={error('service')}
        />
        <Textarea
          label={labelOf('description')}
          name="description"
          required
          autosize
          minRows={5}
          maxRows={14}
          value={draft.description}
          onChange={(event) => set('description', event.currentTarget.value)}
          description={t('contact.descriptionHint', {
            count: number(descriptionCount),
            max: number(limits.description),
          })}
          error={error('description')}
        />
        <Fieldset legend={t('contact.whereLegend')} variant="unstyled" styles={LEGEND}>
          <Stack gap="sm">
            <Text size="sm">{t('contact.whereHint')}</Text>
            {textField('address', { autoComplete: 'street-address' })}
            <PositionButton
              onPosition={(lat, long) => {
                setDraft((current) => ({ ...current, lat, long }));
                clearError('lat');
                clearError('long');
                clearError('address');
              }}
            />
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              {textField('lat', { inputMode: 'decimal', autoComplete: 'off' })}
              {textField('long', { inputMode: 'decimal', autoComplete: 'off' })}
            </SimpleGrid>
          </Stack>
        </Fieldset>
        <Fieldset legend={t('contact.whoLegend')} variant="unstyled" styles={LEGEND}>
          <Stack gap="sm">
            <Text size="sm">{t('contact.whoHint')}</Text>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              {textField('firstName', { autoComplete: 'given-name' })}
              {textField('lastName', { autoComplete: 'family-name' })}
              {textField('email', { type: 'email', inputMode: 'email', autoComplete: 'email' })}
              {textField('phone', { type: 'tel', inputMode: 'tel', autoComplete: 'tel' })}
            </SimpleGrid>
          </Stack>
        </Fieldset>
        {textField('mediaUrl', {
          type: 'url',
          inputMode: 'url',
          autoComplete: 'url',
          description: t('contact.mediaHint'),
        })}
        <Group>
          <Button type="submit" loading={submit.isPending}>
            {t('contact.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
