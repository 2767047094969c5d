import { Button, Group, List, Modal, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  CONTACT_SEARCH_MAX_LENGTH,
  CONTACT_SEARCH_MIN_LENGTH,
  type ContactDetail,
  type ContactMatch,
} from '@guichet/shared';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { notifySuccess } from '../../../lib/ui/notify';
import { contactName } from '../../tickets/components/contact-name';
import { useContactSearch, useMergeContact } from '../api/contacts';
import { IdentityLine } from './ContactIdentities';

interface MergeContactDialogProps {
  opened: boolean;
  onClose: () => void;
  contact: ContactDetail;
  /** The id the page was opened with (the person's, or one of their identities'). */
  pageId: string;
}

/** « Fusionner avec un autre contact »: search, pick one, then confirm knowing what merging does. */
export function MergeContactDialog({ opened, onClose, contact, pageId }: MergeContactDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('contactMerge.title')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {opened && <MergeFlow contact={contact} pageId={pageId} onDone={onClose} />}
    </Modal>
  );
}

function MergeFlow({
  contact,
  pageId,
  onDone,
}: {
  contact: ContactDetail;
  pageId: string;
  onDone: () => void;
}) {
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<ContactMatch | null>(null);
  return picked ? (
    <ConfirmMerge
      contact={contact}
      other={picked}
      pageId={pageId}
      onBack={() => setPicked(null)}
      onDone={onDone}
    />
  ) : (
    <ContactSearch contact={contact} search={search} onSearch={setSearch} onPick={setPicked} />
  );
}

interface ContactSearchProps {
  contact: ContactDetail;
  search: string;
  onSearch: (value: string) => void;
  onPick: (match: ContactMatch) => void;
}

function ContactSearch({ contact, search, onSearch, onPick }: ContactSearchProps) {
  const { t } = useTranslation();
  const [q] = useDebouncedValue(search.trim(), 300);
  const results = useContactSearch(q);
  const searching = q.length >= CONTACT_SEARCH_MIN_LENGTH;
  const own = new Set(contact.identities.map((c) => c.id));
  const others = (results.data ?? []).filter((match) => !own.has(match.id));

  return (
    <Stack gap="md">
      <Text size="sm">{t('contactMerge.intro')}</Text>
      <TextInput
        label={t('contactMerge.searchLabel')}
        description={t('contactMerge.searchDescription', { min: CONTACT_SEARCH_MIN_LENGTH })}
        value={search}
        onChange={(event) => onSearch(event.currentTarget.value)}
        maxLength={CONTACT_SEARCH_MAX_LENGTH}
        type="search"
        autoComplete="off"
        data-autofocus
      />
      {searching && results.isError && (
        <ErrorAlert error={results.error} onRetry={() => void results.refetch()} />
      )}
      {/* Read out as results arrive. */}
      <Text size="sm" role="status">
        {!searching || results.isError
          ? ''
          : results.isFetching && !results.data
            ? t('contactMerge.searching')
            : others.length === 0
              ? t('contactMerge.noResults', { q })
              : ''}
      </Text>
      {searching && others.length > 0 && (
        <Stack
          component="ul"
          gap="xs"
          m={0}
          p={0}
          aria-label={t('contactMerge.results')}
          style={{ listStyle: 'none' }}
        >
          {others.map((match) => (
            <Paper component="li" key={match.id} withBorder p="sm">
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
                <Stack gap={4} miw={0}>
                  {match.identities.map((identity) => (
                    <IdentityLine key={identity.id} identity={identity} />
                  ))}
                  <Text size="sm">{t('contactMerge.tickets', { count: match.ticketCount })}</Text>
                </Stack>
                <Button
                  variant="default"
                  size="xs"
                  onClick={() => onPick(match)}
                  aria-label={t('contactMerge.chooseLabel', {
                    name: displayName(match, t('contactPage.unnamed')),
                  })}
                >
                  {t('contactMerge.choose')}
                </Button>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

interface ConfirmMergeProps {
  contact: ContactDetail;
  other: ContactMatch;
  pageId: string;
  onBack: () => void;
  onDone: () => void;
}

function ConfirmMerge({ contact, other, pageId, onBack, onDone }: ConfirmMergeProps) {
  const { t } = useTranslation();
  const merge = useMergeContact(pageId);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The step replaced the search: reading goes on from its heading.
  useEffect(() => headingRef.current?.focus(), []);
  const main = displayName(contact, t('contactPage.unnamed'));
  const merged = displayName(other, t('contactPage.unnamed'));

  const confirm = () => {
    if (merge.isPending) return;
    merge.mutate(other.id, {
      onSuccess: () => {
        notifySuccess(t, t('contactMerge.merged', { other: merged }));
        onDone();
      },
    });
  };

  return (
    <Stack gap="md">
      <Title order={2} size="h4" ref={headingRef} tabIndex={-1}>
        {t('contactMerge.confirmTitle')}
      </Title>
      <Paper withBorder p="sm">
        <Stack gap={4}>
          {other.identities.map((identity) => (
            <IdentityLine key={identity.id} identity={identity} />
          ))}
        </Stack>
      </Paper>
      <div>
        <Text size="sm">{t('contactMerge.confirmIntro', { other: merged, main })}</Text>
        <List size="sm" spacing={4} mt={4}>
          <List.Item>{t('contactMerge.confirmTickets', { count: other.ticketCount, main })}</List.Item>
          <List.Item>{t('contactMerge.confirmIdentities', { main })}</List.Item>
          <List.Item>{t('contactMerge.confirmTags', { main })}</List.Item>
          <List.Item>
            <Text span size="sm" fw={700}>
              {t('contactMerge.confirmIrreversible')}
            </Text>
          </List.Item>
        </List>
      </div>
      {merge.isError && <ErrorAlert error={merge.error} title={t('contactMerge.failedTitle')} />}
      <Group justify="space-between">
        <Button variant="subtle" onClick={onBack} disabled={merge.isPending}>
          {t('contactMerge.back')}
        </Button>
        <Group gap="sm">
          <Button variant="default" onClick={onDone} disabled={merge.isPending}>
            {t('contactMerge.cancel')}
          </Button>
          <Button color="red.9" onClick={confirm} loading={merge.isPending}>
            {t('contactMerge.submit')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}

function displayName(contact: ContactDetail | ContactMatch, unnamed: string): string {
  return contactName(contact) ?? unnamed;
}
