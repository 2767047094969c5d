import { Group, MultiSelect, Select, TagsInput, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { PLATFORMS, TICKET_PRIORITIES, TICKET_STATUSES } from '@guichet/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketListFilter } from '../../../lib/query-keys';
import { useServices } from '../../../lib/use-services';
import { useServiceMembers } from '../api/service-members';
import { SortSelect } from './SortSelect';

const SEARCH_DEBOUNCE_MS = 300;

interface InboxFiltersProps {
  filter: TicketListFilter;
  onChange: (patch: Partial<TicketListFilter>, options?: { replace?: boolean }) => void;
}

/** Search box, filters and order of the inbox; each change goes to the URL (see useInboxFilters). */
export function InboxFilters({ filter, onChange }: InboxFiltersProps) {
  const { t } = useTranslation();
  const services = useServices();
  const [search, setSearch] = useState(filter.q ?? '');
  const [shownQ, setShownQ] = useState(filter.q);
  // The URL changed under the box (back button, shared link): show its search.
  if (filter.q !== shownQ) {
    setShownQ(filter.q);
    if ((search.trim() || undefined) !== filter.q) setSearch(filter.q ?? '');
  }
  // Typing replaces the history entry: the back button undoes a search, not each letter of it.
  const commitSearch = useDebouncedCallback((value: string) => {
    onChange({ q: value.trim() || undefined }, { replace: true });
  }, SEARCH_DEBOUNCE_MS);

  const empty = (values: string[]) => (values.length > 0 ? values : undefined);

  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <TextInput
        type="search"
        label={t('inbox.search')}
        description={t('inbox.searchHint')}
        value={search}
        onChange={(event) => {
          setSearch(event.currentTarget.value);
          commitSearch(event.currentTarget.value);
        }}
        w={260}
      />
      <MultiSelect
        label={t('inbox.statusFilter')}
        placeholder={filter.status ? undefined : t('inbox.any')}
        data={TICKET_STATUSES.map((value) => ({ value, label: t(`status.${value}`) }))}
        value={filter.status ?? []}
        onChange={(values) => onChange({ status: empty(values) as TicketListFilter['status'] })}
        clearable
        clearButtonProps={{ 'aria-label': t('inbox.clear') }}
        w={240}
      />
      <MultiSelect
        label={t('inbox.priorityFilter')}
        placeholder={filter.priority ? undefined : t('inbox.any')}
        data={TICKET_PRIORITIES.map((value) => ({ value, label: t(`priority.${value}`) }))}
        value={filter.priority ?? []}
        onChange={(values) => onChange({ priority: empty(values) as TicketListFilter['priority'] })}
        clearable
        clearButtonProps={{ 'aria-label': t('inbox.clear') }}
        w={220}
      />
      <MultiSelect
        label={t('inbox.platformFilter')}
        placeholder={filter.platform ? undefined : t('inbox.any')}
        data={PLATFORMS.map((value) => ({ value, label: t(`platform.${value}`) }))}
        value={filter.platform ?? []}
        onChange={(values) => onChange({ platform: empty(values) as TicketListFilter['platform'] })}
        clearable
        clearButtonProps={{ 'aria-label': t('inbox.clear') }}
        w={220}
      />
      <TagsInput
        label={t('inbox.tagFilter')}
        placeholder={filter.tag ? undefined : t('inbox.any')}
        value={filter.tag ?? []}
        onChange={(values) => onChange({ tag: empty(values.map((v) => v.trim()).filter(Boolean)) })}
        splitChars={[',']}
        maxTags={20}
        clearable
        clearButtonProps={{ 'aria-label': t('inbox.clear') }}
        w={220}
      />
      <Select
        label={t('inbox.serviceFilter')}
        placeholder={t('inbox.anyService')}
        data={(services.data ?? []).map((service) => ({ value: service.id, label: service.name }))}
        value={filter.serviceId ?? null}
        onChange={(value) => onChange({ serviceId: value ?? undefined })}
        clearable
        clearButtonProps={{ 'aria-label': t('inbox.clear') }}
        w={200}
      />
      {filter.serviceId && (
        <AssigneeFilter
          serviceId={filter.serviceId}
          value={filter.assigneeId}
          onChange={(assigneeId) => onChange({ assigneeId })}
        />
      )}
      <SortSelect
        value={filter.sort ?? 'activity'}
        onChange={(sort) => onChange({ sort: sort === 'due' ? 'due' : undefined })}
      />
    </Group>
  );
}

/** Assignees are the members of the chosen service (the API lists members per service). */
function AssigneeFilter(props: {
  serviceId: string;
  value: string | undefined;
  onChange: (assigneeId: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const members = useServiceMembers(props.serviceId);
  return (
    <Select
      label={t('inbox.assigneeFilter')}
      placeholder={t('inbox.any')}
      data={(members.data ?? []).map((member) => ({ value: member.userId, label: member.displayName }))}
      value={props.value ?? null}
      onChange={(value) => props.onChange(value ?? undefined)}
      clearable
      clearButtonProps={{ 'aria-label': t('inbox.clear') }}
      w={200}
    />
  );
}
