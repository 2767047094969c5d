import { Anchor, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { validationDetails, type FieldDetail } from '../../../lib/api-details';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { errorMessage } from '../../../lib/ui/error-message';
import { useCreateAnswer } from '../api/answers';
import { AnswerForm } from './AnswerForm';

export function NewAnswerPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('answers.newTitle'));
  const navigate = useNavigate();
  const create = useCreateAnswer();
  const [failure, setFailure] = useState<FieldDetail[] | null>(null);

  return (
    <Stack gap="lg" maw="52rem">
      <Anchor component={Link} to="/answers" size="sm">
        <span aria-hidden>← </span>
        {t('answers.back')}
      </Anchor>
      <Title order={1}>{t('answers.newTitle')}</Title>
      <AnswerForm
        initial={{ serviceId: '', title: '', body: '', tags: [], suitableFor: 'both' }}
        withService
        submitLabel={t('answers.create')}
        pending={create.isPending}
        failure={failure}
        onSubmit={(draft) =>
          create.mutate(draft, {
            onSuccess: (answer) => {
              notifications.show({
                color: 'teal.9',
                role: 'status',
                message: t('answers.created'),
                closeButtonProps: { 'aria-label': t('common.close') },
              });
              void navigate(`/answers/${answer.id}`);
            },
            onError: (error) => {
              const details = validationDetails(error);
              setFailure(details.length > 0 ? details : [{ path: '', message: errorMessage(error, t) }]);
            },
          })
        }
      />
    </Stack>
  );
}
