import {
  Alert,
  Anchor,
  Button,
  Group,
  List,
  Modal,
  NativeSelect,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import type { ServiceMemberRole, ServiceMemberView, ServiceView, UserView } from '@guichet/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { validationDetails } from '../../../lib/api-details';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { errorMessage } from '../../../lib/ui/error-message';
import { notifySuccess } from '../../../lib/ui/notify';
import { PageLoader } from '../../../lib/ui/PageLoader';
import { useSaveServiceMembers, useServiceMembers, useUsers } from '../api/services-admin';

interface MembersModalProps {
  service: ServiceView | null;
  onClose: () => void;
}

/** Who works in a service and as what; saved all at once. */
export function MembersModal({ service, onClose }: MembersModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={service !== null}
      onClose={onClose}
      title={service ? t('servicesAdmin.membersTitle', { name: service.name }) : ''}
      size="xl"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {service && <MembersLoader key={service.id} service={service} onDone={onClose} />}
    </Modal>
  );
}

function MembersLoader({ service, onDone }: { service: ServiceView; onDone: () => void }) {
  const members = useServiceMembers(service.id);
  const users = useUsers();
  if (members.isError) return <ErrorAlert error={members.error} onRetry={() => void members.refetch()} />;
  if (users.isError) return <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />;
  if (!members.data || !users.data) return <PageLoader />;
  return <MembersForm service={service} members={members.data} users={users.data} onDone={onDone} />;
}

interface Row {
  userId: string;
  role: ServiceMemberRole;
}

function MembersForm({
  service,
  members,
  users,
  onDone,
}: {
  service: ServiceView;
  members: ServiceMemberView[];
  users: UserView[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveServiceMembers(service.id);
  const addId = useId();
  const [rows, setRows] = useState<Row[]>(() => members.map((m) => ({ userId: m.userId, role: m.role })));
  const [candidate, setCandidate] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const byId = new Map(users.map((u) => [u.id, u]));
  const current = new Map(members.map((m) => [m.userId, m]));
  const addable = users.filter(
    (u) =>
      u.active && (u.role === 'agent' || u.role === 'service_head') && !rows.some((r) => r.userId === u.id),
  );

  const add = () => {
    const user = byId.get(candidate);
    if (!user) return;
    setRows((list) => [...list, { userId: user.id, role: 'agent' }]);
    setCandidate('');
    setAnnouncement(t('servicesAdmin.memberAdded', { name: user.displayName }));
  };
  const submit = () =>
    save.mutate(
      { members: rows },
      {
        onSuccess: () => {
          notifySuccess(t, t('servicesAdmin.membersSaved'));
          onDone();
        },
      },
    );
  const failure = save.isError ? validationDetails(save.error) : [];

  return (
    <Stack gap="md">
      <Text size="sm">{t('servicesAdmin.membersIntro')}</Text>
      {save.isError && (
        <Alert color="red.9" variant="outline" role="alert" title={t('servicesAdmin.membersFailed')}>
          {failure.length > 0 ? (
            <List size="sm">
              {failure.map((detail, index) => {
                const row = /^members\[(\d+)\]/.exec(detail.path);
                const person = row ? byId.get(rows[Number(row[1])]?.userId ?? '') : undefined;
                return (
                  <List.Item key={index}>
                    {person ? `${person.displayName} : ${detail.message}` : detail.message}
                  </List.Item>
                );
              })}
            </List>
          ) : (
            <Text size="sm">{errorMessage(save.error, t)}</Text>
          )}
        </Alert>
      )}
      {rows.length === 0 ? (
        <Text>{t('servicesAdmin.noMembers')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped withTableBorder verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('servicesAdmin.person')}</Table.Th>
                <Table.Th scope="col">{t('servicesAdmin.roleInService')}</Table.Th>
                <Table.Th scope="col">{t('servicesAdmin.shift')}</Table.Th>
                <Table.Th scope="col">{t('servicesAdmin.openTickets')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('servicesAdmin.remove')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => {
                const user = byId.get(row.userId);
                const saved = current.get(row.userId);
                const name = user?.displayName ?? saved?.displayName ?? row.userId;
                return (
                  <Table.Tr key={row.userId}>
                    <Table.Th scope="row" fw={500}>
                      {name}
                      <Text size="xs" c="dimmed">
                        {t(`role.${user?.role ?? saved?.accountRole ?? 'agent'}`)}
                      </Text>
                    </Table.Th>
                    <Table.Td>
                      <NativeSelect
                        aria-label={t('servicesAdmin.roleOf', { name })}
                        value={row.role}
                        onChange={(event) => {
                          const role = event.currentTarget.value as ServiceMemberRole;
                          setRows((list) => list.map((r) => (r.userId === row.userId ? { ...r, role } : r)));
                        }}
                        data={[
                          { value: 'agent', label: t('servicesAdmin.memberRole.agent') },
                          {
                            value: 'service_head',
                            label: t('servicesAdmin.memberRole.service_head'),
                            disabled: user?.role !== 'service_head',
                          },
                        ]}
                      />
                    </Table.Td>
                    <Table.Td>
                      {saved ? (
                        <Stack gap={0} align="flex-start">
                          <span>
                            {t(saved.onShift ? 'servicesAdmin.onShift' : 'servicesAdmin.offShift') +
                              (saved.hasOwnCalendar ? ` ${t('servicesAdmin.ownHours')}` : '')}
                          </span>
                          {/* Stored members only: a person added here has no hours to show until saved. */}
                          <Anchor
                            component={Link}
                            size="sm"
                            to={`/settings/teams/people/${encodeURIComponent(row.userId)}/hours?service=${encodeURIComponent(service.id)}`}
                          >
                            {t('servicesAdmin.personHours')}
                            <VisuallyHidden> {t('servicesAdmin.personHoursOf', { name })}</VisuallyHidden>
                          </Anchor>
                        </Stack>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>{saved ? saved.openTickets : 0}</Table.Td>
                    <Table.Td>
                      <Button
                        variant="subtle"
                        size="xs"
                        onClick={() => {
                          setRows((list) => list.filter((r) => r.userId !== row.userId));
                          setAnnouncement(t('servicesAdmin.memberRemoved', { name }));
                        }}
                      >
                        {t('servicesAdmin.remove')}
                        <VisuallyHidden> {name}</VisuallyHidden>
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group align="flex-end" gap="sm">
        <NativeSelect
          id={addId}
          label={t('servicesAdmin.addMember')}
          value={candidate}
          onChange={(event) => setCandidate(event.currentTarget.value)}
          data={[
            { value: '', label: t('servicesAdmin.choosePerson') },
            ...addable.map((u) => ({ value: u.id, label: `${u.displayName} (${u.email})` })),
          ]}
          w={360}
        />
        <Button variant="outline" onClick={add} disabled={!candidate}>
          {t('servicesAdmin.addButton')}
        </Button>
      </Group>
      <VisuallyHidden role="status">{announcement}</VisuallyHidden>
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('servicesAdmin.cancel')}
        </Button>
        <Button onClick={submit} loading={save.isPending}>
          {t('servicesAdmin.saveMembers')}
        </Button>
      </Group>
    </Stack>
  );
}
