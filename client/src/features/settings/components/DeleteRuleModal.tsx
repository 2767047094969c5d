import { Text } from '@mantine/core';
import type { RoutingRuleView } from '@guichet/shared';
import { useTranslation } from 'react-i18next';
import { useDeleteRoutingRule } from '../api/routing';
import { ConfirmModal } from './ConfirmModal';

interface DeleteRuleModalProps {
  rule: RoutingRuleView | null;
  onClose: () => void;
  onDeleted: (rule: RoutingRuleView) => void;
  onExited: () => void;
}

export function DeleteRuleModal({ rule, onClose, onDeleted, onExited }: DeleteRuleModalProps) {
  const { t } = useTranslation();
  const remove = useDeleteRoutingRule();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmModal
      opened={rule !== null}
      onClose={close}
      onExitTransitionEnd={onExited}
      title={t('routingRules.deleteTitle')}
      cancelLabel={t('routingRules.cancel')}
      confirmLabel={t('routingRules.confirmDelete')}
      pending={remove.isPending}
      error={remove.isError ? remove.error : null}
      errorTitle={t('routingRules.failedTitle')}
      onConfirm={() => {
        if (!rule) return;
        remove.mutate(rule.id, {
          onSuccess: () => {
            remove.reset();
            onDeleted(rule);
          },
        });
      }}
    >
      {rule && <Text>{t('routingRules.deleteConfirm', { name: rule.name })}</Text>}
    </ConfirmModal>
  );
}
