import { Button, Group, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import type { RoutingRuleView } from '@guichet/shared';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { movedIds } from '../hooks/use-reorder-focus';
import { notifyFailure } from '../../../lib/ui/notify';
import { PageLoader } from '../../../lib/ui/PageLoader';
import { useDeleteRoutingRule, useReorderRoutingRules, useRoutingRules } from '../api/routing';
import { ClassifierPanel } from './ClassifierPanel';
import { DeleteNamedModal } from './DeleteNamedModal';
import { RuleFormModal } from './RuleFormModal';
import { RulesTable } from './RulesTable';
import { ThresholdForm } from './ThresholdForm';

/** /settings/routing (administrators): the rules in order, the classifier and its threshold. */
export function RoutingPage() {
  const { t } = useTranslation();
  const rules = useRoutingRules();
  const reorder = useReorderRoutingRules();
  const addRef = useRef<HTMLButtonElement>(null);
  const [editing, setEditing] = useState<RoutingRuleView | 'new' | null>(null);
  const [deleting, setDeleting] = useState<RoutingRuleView | null>(null);
  const remove = useDeleteRoutingRule();
  const [deleted, setDeleted] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  useDocumentTitle(t('routingRules.title'));

  const move = (rule: RoutingRuleView, offset: -1 | 1) => {
    const ids = movedIds(rules.data ?? [], rule.id, offset);
    if (!ids) return;
    setAnnouncement('');
    reorder.mutate(ids, {
      onSuccess: () =>
        setAnnouncement(t('routingRules.moved', { name: rule.name, position: ids.indexOf(rule.id) + 1 })),
      onError: (failure) => notifyFailure(t, t('routingRules.failedTitle'), failure),
    });
  };

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('routingRules.title')}</Title>
        <Text mt="xs">{t('routingRules.intro')}</Text>
      </div>
      {rules.isPending && <PageLoader />}
      {rules.isError && !rules.data && (
        <ErrorAlert error={rules.error} onRetry={() => void rules.refetch()} />
      )}
      {rules.data &&
        (rules.data.length === 0 ? (
          <Text>{t('routingRules.empty')}</Text>
        ) : (
          <RulesTable rules={rules.data} onMove={move} onEdit={setEditing} onDelete={setDeleting} />
        ))}
      {rules.data && (
        <Group>
          <Button ref={addRef} onClick={() => setEditing('new')}>
            {t('routingRules.add')}
          </Button>
        </Group>
      )}
      <VisuallyHidden role="status">{announcement}</VisuallyHidden>
      <ThresholdForm />
      <ClassifierPanel />
      <RuleFormModal rule={editing} onClose={() => setEditing(null)} />
      <DeleteNamedModal
        item={deleting}
        remove={remove}
        texts="routingRules"
        onClose={() => setDeleting(null)}
        onDeleted={(rule) => {
          setDeleted(true);
          setDeleting(null);
          setAnnouncement(t('routingRules.deleted', { name: rule.name }));
        }}
        // The row and its button are gone: continue from the add button rather than from nowhere.
        onExited={() => {
          if (!deleted) return;
          setDeleted(false);
          addRef.current?.focus();
        }}
      />
    </Stack>
  );
}
