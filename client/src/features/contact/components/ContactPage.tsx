import { Alert, Container, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageLoader } from '../../../lib/ui/PageLoader';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useOpen311Services } from '../api/get-services';
import { useWebFormSettings } from '../api/get-web-form';
import { isOpen311RequestError } from '../api/open311-client';
import type { ContactReceipt } from '../api/submit-request';
import { ContactForm } from './ContactForm';
import { ContactReceiptView } from './ContactReceiptView';

/**
 * The town's public contact form (/contact, /contact?service=voirie), posting to its own Open311
 * API: no login, linked from the town's website.
 */
export function ContactPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const settings = useWebFormSettings();
  const services = useOpen311Services();
  const [sent, setSent] = useState<{ receipt: ContactReceipt; canBeContacted: boolean } | null>(null);
  // A new form (and so a new idempotency key) for each request.
  const [formNumber, setFormNumber] = useState(0);
  useDocumentTitle(sent ? t('contact.sentTitle') : t('contact.title'));

  const failure = settings.error ?? services.error;
  const preselected = params.get('service') ?? '';

  let content;
  if (failure) {
    content = (
      <Alert color="red.9" variant="outline" role="alert" title={t('contact.unavailableTitle')}>
        <Text size="sm">
          {isOpen311RequestError(failure) && failure.status === 404
            ? t('contact.disabled')
            : t('contact.unavailable')}
        </Text>
      </Alert>
    );
  } else if (!settings.data || !services.data) {
    content = <PageLoader />;
  } else if (sent) {
    content = (
      <ContactReceiptView
        receipt={sent.receipt}
        canBeContacted={sent.canBeContacted}
        onAnother={() => {
          setSent(null);
          setFormNumber((n) => n + 1);
        }}
      />
    );
  } else {
    content = (
      <ContactForm
        key={formNumber}
        settings={settings.data}
        services={services.data}
        initialService={services.data.some((s) => s.service_code === preselected) ? preselected : ''}
        onSent={(receipt, canBeContacted) => setSent({ receipt, canBeContacted })}
      />
    );
  }

  return (
    <Container size={720} py="xl">
      <Title order={1} mb="xs">
        {t('contact.title')}
      </Title>
      <Text mb="lg">{t('contact.intro')}</Text>
      {content}
    </Container>
  );
}
