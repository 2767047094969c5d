import { Alert, Button, Group, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import type { SlaPolicyView } from '@guichet/shared';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { movedIds } from '../hooks/use-reorder-focus';
import { notifyFailure } from '../../../lib/ui/notify';
import { PageLoader } from '../../../lib/ui/PageLoader';
import { useDeleteSlaPolicy, useReorderSlaPolicies, useSlaPolicies } from '../api/sla-policies';
import { useSlaSettings } from '../api/sla-settings';
import { DeleteNamedModal } from './DeleteNamedModal';
import { PoliciesTable } from './PoliciesTable';
import { PolicyFormModal } from './PolicyFormModal';
import { WarningRatioForm } from './WarningRatioForm';

interface SlaPageProps {
  /** Administrators edit; service heads read. */
  canEdit: boolean;
}

/** /settings/sla: the target policies in order, and the warning threshold. */
export function SlaPage({ canEdit }: SlaPageProps) {
  const { t } = useTranslation();
  const policies = useSlaPolicies();
  const settings = useSlaSettings();
  const reorder = useReorderSlaPolicies();
  const addRef = useRef<HTMLButtonElement>(null);
  const [editing, setEditing] = useState<SlaPolicyView | 'new' | null>(null);
  const [deleting, setDeleting] = useState<SlaPolicyView | null>(null);
  const remove = useDeleteSlaPolicy();
  const [deleted, setDeleted] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  useDocumentTitle(t('slaPolicies.title'));

  const move = (policy: SlaPolicyView, offset: -1 | 1) => {
    const ids = movedIds(policies.data ?? [], policy.id, offset);
    if (!ids) return;
    setAnnouncement('');
    reorder.mutate(ids, {
      onSuccess: () =>
        setAnnouncement(t('slaPolicies.moved', { name: policy.name, position: ids.indexOf(policy.id) + 1 })),
      onError: (failure) => notifyFailure(t, t('slaPolicies.failedTitle'), failure),
    });
  };

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('slaPolicies.title')}</Title>
        <Text mt="xs">{t('slaPolicies.intro')}</Text>
      </div>
      {!canEdit && (
        <Alert variant="light" color="gray">
          {t('slaPolicies.readOnly')}
        </Alert>
      )}

      {policies.isPending && <PageLoader />}
      {policies.isError && !policies.data && (
        <ErrorAlert error={policies.error} onRetry={() => void policies.refetch()} />
      )}
      {policies.data &&
        (policies.data.length === 0 ? (
          <Text>{t('slaPolicies.empty')}</Text>
        ) : (
          <PoliciesTable
            policies={policies.data}
            canEdit={canEdit}
            onMove={move}
            onEdit={setEditing}
            onDelete={setDeleting}
          />
        ))}
      {canEdit && policies.data && (
        <Group>
          <Button ref={addRef} onClick={() => setEditing('new')}>
            {t('slaPolicies.add')}
          </Button>
        </Group>
      )}
      <VisuallyHidden role="status">{announcement}</VisuallyHidden>

      {settings.isError && !settings.data && (
        <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />
      )}
      {settings.data && <WarningRatioForm settings={settings.data} canEdit={canEdit} />}

      {canEdit && (
        <>
          <PolicyFormModal policy={editing} onClose={() => setEditing(null)} />
          <DeleteNamedModal
            item={deleting}
            remove={remove}
            texts="slaPolicies"
            onClose={() => setDeleting(null)}
            onDeleted={(policy) => {
              setDeleted(true);
              setDeleting(null);
              setAnnouncement(t('slaPolicies.deleted', { name: policy.name }));
            }}
            // The row and its button are gone: continue from the add button rather than from nowhere.
            onExited={() => {
              if (!deleted) return;
              setDeleted(false);
              addRef.current?.focus();
            }}
          />
        </>
      )}
    </Stack>
  );
}
