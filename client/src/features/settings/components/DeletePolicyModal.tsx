import { Text } from '@mantine/core';
import type { SlaPolicyView } from '@guichet/shared';
import { useTranslation } from 'react-i18next';
import { useDeleteSlaPolicy } from '../api/sla-policies';
import { ConfirmModal } from './ConfirmModal';

interface DeletePolicyModalProps {
  policy: SlaPolicyView | null;
  onClose: () => void;
  onDeleted: (policy: SlaPolicyView) => void;
  onExited: () => void;
}

export function DeletePolicyModal({ policy, onClose, onDeleted, onExited }: DeletePolicyModalProps) {
  const { t } = useTranslation();
  const remove = useDeleteSlaPolicy();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmModal
      opened={policy !== null}
      onClose={close}
      onExitTransitionEnd={onExited}
      title={t('slaPolicies.deleteTitle')}
      cancelLabel={t('slaPolicies.cancel')}
      confirmLabel={t('slaPolicies.confirmDelete')}
      pending={remove.isPending}
      error={remove.isError ? remove.error : null}
      errorTitle={t('slaPolicies.failedTitle')}
      onConfirm={() => {
        if (!policy) return;
        remove.mutate(policy.id, {
          onSuccess: () => {
            remove.reset();
            onDeleted(policy);
          },
        });
      }}
    >
      {policy && <Text>{t('slaPolicies.deleteConfirm', { name: policy.name })}</Text>}
    </ConfirmModal>
  );
}
