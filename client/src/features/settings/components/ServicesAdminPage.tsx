import { Anchor, Badge, Button, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import type { ServiceView } from '@guichet/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { PageLoader } from '../../../lib/ui/PageLoader';
import { useServices } from '../../../lib/use-services';
import { MembersModal } from './MembersModal';
import { ServiceFormModal } from './ServiceFormModal';

/** /settings/teams (administrators): the services, their public listing, assignment and members. */
export function ServicesAdminPage() {
  const { t } = useTranslation();
  const services = useServices();
  const [editing, setEditing] = useState<ServiceView | 'new' | null>(null);
  const [members, setMembers] = useState<ServiceView | null>(null);
  useDocumentTitle(t('servicesAdmin.title'));

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('servicesAdmin.title')}</Title>
        <Text mt="xs">{t('servicesAdmin.intro')}</Text>
      </div>
      {services.isPending && <PageLoader />}
      {services.isError && <ErrorAlert error={services.error} onRetry={() => void services.refetch()} />}
      {services.data && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped withTableBorder verticalSpacing="xs" captionSide="top">
            <Table.Caption>
              <Text size="sm" ta="start">
                {t('servicesAdmin.tableCaption')}
              </Text>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('servicesAdmin.name')}</Table.Th>
                <Table.Th scope="col">{t('servicesAdmin.open311')}</Table.Th>
                <Table.Th scope="col">{t('servicesAdmin.assignment')}</Table.Th>
                <Table.Th scope="col">{t('servicesAdmin.manage')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {services.data.map((service) => (
                <Table.Tr key={service.id}>
                  <Table.Th scope="row" fw={600}>
                    <Stack gap={2} align="flex-start">
                      <span>{service.name}</span>
                      {service.isTriage && (
                        <Badge color="blue.9" variant="outline">
                          {t('servicesAdmin.triageBadge')}
                        </Badge>
                      )}
                    </Stack>
                  </Table.Th>
                  <Table.Td>
                    {service.open311Listed
                      ? t('servicesAdmin.listed', { code: service.slug, group: service.open311Group })
                      : t('servicesAdmin.notListed')}
                  </Table.Td>
                  <Table.Td>
                    {service.assignmentMode === 'round_robin'
                      ? service.maxOpenPerAgent === null
                        ? t('servicesAdmin.roundRobin')
                        : t('servicesAdmin.roundRobinCap', { cap: service.maxOpenPerAgent })
                      : t('servicesAdmin.manual')}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button variant="subtle" size="xs" onClick={() => setEditing(service)}>
                        {t('servicesAdmin.edit')}
                        <VisuallyHidden> {service.name}</VisuallyHidden>
                      </Button>
                      <Button variant="subtle" size="xs" onClick={() => setMembers(service)}>
                        {t('servicesAdmin.members')}
                        <VisuallyHidden> {service.name}</VisuallyHidden>
                      </Button>
                      <Anchor
                        component={Link}
                        size="xs"
                        to={`/settings/services/${encodeURIComponent(service.id)}/calendar`}
                      >
                        {t('servicesAdmin.hours')}
                        <VisuallyHidden> {service.name}</VisuallyHidden>
                      </Anchor>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {services.data && (
        <Group>
          <Button onClick={() => setEditing('new')}>{t('servicesAdmin.add')}</Button>
        </Group>
      )}
      <ServiceFormModal service={editing} onClose={() => setEditing(null)} />
      <MembersModal service={members} onClose={() => setMembers(null)} />
    </Stack>
  );
}
