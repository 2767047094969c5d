import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useDocumentTitle } from '../../lib/use-document-title';

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('common.notFoundTitle'));
  return (
    <Stack gap="sm">
      <Title order={1}>{t('common.notFoundTitle')}</Title>
      <Text>{t('common.notFoundBody')}</Text>
      <Anchor component={Link} to="/">
        {t('common.backHome')}
      </Anchor>
    </Stack>
  );
}
