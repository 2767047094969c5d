import { Alert, Button, Container, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Last resort for a render error or a lazy page that failed to load (often a new deployment). */
export function RouteError() {
  const { t } = useTranslation();
  return (
    <Container size="sm" py="xl">
      <Alert color="red.9" variant="outline" title={t('common.errorTitle')} role="alert">
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{t('common.unexpected')}</Text>
          <Button variant="default" size="xs" onClick={() => window.location.reload()}>
            {t('common.reload')}
          </Button>
        </Stack>
      </Alert>
    </Container>
  );
}
