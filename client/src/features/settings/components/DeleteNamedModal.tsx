import { Text } from '@mantine/core';
import type { UseMutationResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from './ConfirmModal';

interface DeleteNamedModalProps<Item extends { id: string; name: string }> {
  /** What to delete; null: closed. */
  item: Item | null;
  /** The deletion by id (its hook called by the page). */
  remove: UseMutationResult<unknown, Error, string>;
  /** The translation keys' prefix: deleteTitle, deleteConfirm, cancel, confirmDelete, failedTitle. */
  texts: 'routingRules' | 'slaPolicies';
  onClose: () => void;
  onDeleted: (item: Item) => void;
  onExited: () => void;
}

/** Asks before deleting a named setting (a routing rule, an SLA policy), and deletes it. */
export function DeleteNamedModal<Item extends { id: string; name: string }>({
  item,
  remove,
  texts,
  onClose,
  onDeleted,
  onExited,
}: DeleteNamedModalProps<Item>) {
  const { t } = useTranslation();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmModal
      opened={item !== null}
      onClose={close}
      onExitTransitionEnd={onExited}
      title={t(`${texts}.deleteTitle`)}
      cancelLabel={t(`${texts}.cancel`)}
      confirmLabel={t(`${texts}.confirmDelete`)}
      pending={remove.isPending}
      error={remove.isError ? remove.error : null}
      errorTitle={t(`${texts}.failedTitle`)}
      onConfirm={() => {
        if (!item) return;
        remove.mutate(item.id, {
          onSuccess: () => {
            remove.reset();
            onDeleted(item);
          },
        });
      }}
    >
      {item && <Text>{t(`${texts}.deleteConfirm`, { name: item.name })}</Text>}
    </ConfirmModal>
  );
}
