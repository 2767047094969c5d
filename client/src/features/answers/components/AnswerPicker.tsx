import { Button, Combobox, Group, Loader, Stack, Text, TextInput, Title, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { AnswerSummary, ReplyAudience } from '@guichet/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnswers, useAnswerSuggestions } from '../api/answers';
import classes from './AnswerPicker.module.css';

interface AnswerPickerProps {
  ticketId: string;
  serviceId: string;
  audience: ReplyAudience | null;
  onInsert: (answer: AnswerSummary) => void;
}

/** Validated answers for the reply box: the ones suggested for the ticket, and a search (a combobox). */
export function AnswerPicker({ ticketId, serviceId, audience, onInsert }: AnswerPickerProps) {
  const { t } = useTranslation();
  // Deliberately not a named region: "Réponses validées" would collide with the reply box's label.
  return (
    <Stack gap="xs" className={classes.picker}>
      <Title order={3} size="h5">
        {t('composer.insertTitle')}
      </Title>
      <Suggestions ticketId={ticketId} audience={audience} onInsert={onInsert} />
      <AnswerSearch serviceId={serviceId} audience={audience} onInsert={onInsert} />
    </Stack>
  );
}

function Suggestions({
  ticketId,
  audience,
  onInsert,
}: Pick<AnswerPickerProps, 'ticketId' | 'audience' | 'onInsert'>) {
  const { t } = useTranslation();
  const suggestions = useAnswerSuggestions(ticketId);
  const listId = useId();
  // The server ranks for the ticket's own audience; the composer's may differ only for odd tickets.
  const items = suggestions.data?.items.filter((a) => audience === null || a.suitableFor !== other(audience));
  if (suggestions.isPending || suggestions.isError) return null;
  return (
    <div>
      <Text size="sm" fw={600} id={listId}>
        {t('composer.suggested')}
      </Text>
      {items && items.length > 0 ? (
        <ul className={classes.suggestions} aria-labelledby={listId}>
          {items.map((answer) => (
            <li key={answer.id} className={classes.suggestion}>
              <div className={classes.suggestionText}>
                <Text size="sm" fw={500}>
                  {answer.title}
                </Text>
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {answer.body}
                </Text>
              </div>
              <Button
                size="xs"
                variant="default"
                onClick={() => onInsert(answer)}
                aria-label={t('composer.insertSuggestedLabel', { title: answer.title })}
              >
                {t('composer.insertSuggested')}
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <Text size="sm">{t('composer.noSuggestion')}</Text>
      )}
    </div>
  );
}

const other = (audience: ReplyAudience): ReplyAudience => (audience === 'public' ? 'private' : 'public');

function AnswerSearch({
  serviceId,
  audience,
  onInsert,
}: Pick<AnswerPickerProps, 'serviceId' | 'audience' | 'onInsert'>) {
  const { t } = useTranslation();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const results = useAnswers(
    { q: q || undefined, serviceId, status: 'validated', audience: audience ?? undefined, limit: 8 },
    { enabled: combobox.dropdownOpened },
  );
  const items = results.data?.items ?? [];
  const byId = new Map(items.map((a) => [a.id, a]));

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(id) => {
        const answer = byId.get(id);
        if (!answer) return;
        setSearch('');
        combobox.closeDropdown();
        onInsert(answer);
      }}
    >
      <Combobox.Target withExpandedAttribute>
        <TextInput
          label={t('composer.searchLabel')}
          description={t('composer.searchHelp')}
          placeholder={t('composer.searchPlaceholder')}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onClick={() => combobox.openDropdown()}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          rightSection={results.isFetching ? <Loader size={16} aria-label={t('composer.searching')} /> : null}
          autoComplete="off"
        />
      </Combobox.Target>
      <Combobox.Dropdown>
        <Combobox.Options mah={320} style={{ overflowY: 'auto' }}>
          {items.length === 0 ? (
            <Combobox.Empty>
              {results.isPending ? t('composer.searching') : t('composer.noResult')}
            </Combobox.Empty>
          ) : (
            items.map((answer) => (
              <Combobox.Option value={answer.id} key={answer.id} className={classes.option}>
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Text size="sm" fw={500}>
                    {answer.title}
                  </Text>
                  {answer.tags.length > 0 && (
                    <Text size="xs" c="dimmed" className={classes.optionMeta}>
                      {answer.tags.join(', ')}
                    </Text>
                  )}
                </Group>
                <Text size="xs" c="dimmed" lineClamp={1} className={classes.optionMeta}>
                  {answer.body}
                </Text>
              </Combobox.Option>
            ))
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
