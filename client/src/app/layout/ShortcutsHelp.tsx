import { Kbd, Modal, Table } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShortcuts } from '../../lib/use-shortcut';

/** `?` anywhere (outside a field) lists the keyboard shortcuts. */
export function ShortcutsHelp() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  useShortcuts({ '?': () => setOpened(true) });
  const rows: Array<[string, string]> = [
    ['j', t('shortcuts.next')],
    ['k', t('shortcuts.previous')],
    ['Entrée', t('shortcuts.open')],
    ['r', t('shortcuts.reply')],
    ['e', t('shortcuts.resolve')],
    ['a', t('shortcuts.assignMe')],
    ['?', t('shortcuts.showHelp')],
  ];
  return (
    <Modal
      opened={opened}
      onClose={() => setOpened(false)}
      title={t('shortcuts.title')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      centered
    >
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('shortcuts.keyColumn')}</Table.Th>
            <Table.Th scope="col">{t('shortcuts.actionColumn')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(([key, action]) => (
            <Table.Tr key={key}>
              <Table.Td>
                <Kbd>{key === 'Entrée' ? t('shortcuts.enterKey') : key}</Kbd>
              </Table.Td>
              <Table.Td>{action}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
