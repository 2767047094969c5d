import {
  Anchor,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { ANSWER_STATUSES, type AnswerStatus } from '@guichet/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useServices } from '../../../lib/use-services';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { PageLoader } from '../../../lib/ui/PageLoader';
import { useAnswers, useAnswerTags } from '../api/answers';
import { AnswerStatusBadge, PendingVersionBadge } from './AnswerStatusBadge';

const isStatus = (value: string): value is AnswerStatus =>
  (ANSWER_STATUSES as readonly string[]).includes(value);

/** Every answer of the caller's services, searchable and filtered; heads find what waits for them. */
export function AnswersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('answers.title'));
  const services = useServices();
  const tags = useAnswerTags();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [serviceId, setServiceId] = useState('');
  const [status, setStatus] = useState('');
  const [tag, setTag] = useState('');
  const [awaitingValidation, setAwaitingValidation] = useState(false);
  const answers = useAnswers({
    q: q || undefined,
    serviceId: serviceId || undefined,
    status: isStatus(status) ? status : undefined,
    tag: tag || undefined,
    awaitingValidation: awaitingValidation || undefined,
    limit: 100,
  });

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1}>{t('answers.title')}</Title>
          <Text maw="48rem">{t('answers.intro')}</Text>
        </Stack>
        <Button component={Link} to="/answers/new">
          {t('answers.new')}
        </Button>
      </Group>

      <Stack gap="sm" role="search">
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('answers.search')}
            placeholder={t('answers.searchPlaceholder')}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            type="search"
            w={{ base: '100%', sm: 360 }}
          />
          <NativeSelect
            label={t('answers.service')}
            value={serviceId}
            onChange={(event) => setServiceId(event.currentTarget.value)}
            data={[
              { value: '', label: t('answers.allServices') },
              ...(services.data ?? []).map((s) => ({ value: s.id, label: s.name })),
            ]}
          />
          <NativeSelect
            label={t('answers.statusFilter')}
            value={status}
            onChange={(event) => setStatus(event.currentTarget.value)}
            data={[
              { value: '', label: t('answers.allStatuses') },
              ...ANSWER_STATUSES.map((s) => ({ value: s, label: t(`answers.status.${s}`) })),
            ]}
          />
          <NativeSelect
            label={t('answers.tag')}
            value={tag}
            onChange={(event) => setTag(event.currentTarget.value)}
            data={[{ value: '', label: t('answers.allTags') }, ...(tags.data ?? [])]}
          />
        </Group>
        <Checkbox
          label={t('answers.awaitingValidation')}
          checked={awaitingValidation}
          onChange={(event) => setAwaitingValidation(event.currentTarget.checked)}
        />
      </Stack>

      {answers.isPending && <PageLoader />}
      {answers.isError && <ErrorAlert error={answers.error} onRetry={() => void answers.refetch()} />}
      {answers.data && (
        <Stack gap="xs">
          <Text size="sm" role="status">
            {answers.data.total === 0
              ? t('answers.empty')
              : t('answers.showing', { shown: answers.data.items.length, total: answers.data.total })}
          </Text>
          {answers.data.items.length > 0 && (
            <Table.ScrollContainer minWidth={720}>
              <Table striped withTableBorder verticalSpacing="xs" aria-label={t('answers.listLabel')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('answers.columnTitle')}</Table.Th>
                    <Table.Th scope="col">{t('answers.columnService')}</Table.Th>
                    <Table.Th scope="col">{t('answers.columnStatus')}</Table.Th>
                    <Table.Th scope="col">{t('answers.columnVersion')}</Table.Th>
                    <Table.Th scope="col">{t('answers.columnUsage')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {answers.data.items.map((answer) => (
                    <Table.Tr key={answer.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/answers/${answer.id}`} fw={600}>
                          {answer.title}
                        </Anchor>
                        {answer.tags.length > 0 && <Text size="sm">{answer.tags.join(' · ')}</Text>}
                      </Table.Td>
                      <Table.Td>{answer.service.name}</Table.Td>
                      <Table.Td>
                        <Group gap={6}>
                          <AnswerStatusBadge status={answer.status} />
                          {answer.status !== 'archived' && answer.publishedVersion !== null && (
                            <PendingVersionBadge version={answer.draftVersion} />
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        {answer.publishedVersion === null
                          ? t('answers.noVersion')
                          : t('answers.version', { version: answer.publishedVersion })}
                      </Table.Td>
                      <Table.Td>{t('answers.usage', { count: answer.usageCount })}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      )}
    </Stack>
  );
}
