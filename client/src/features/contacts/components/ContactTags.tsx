import { Button, Group, Stack, TagsInput, Text, Title } from '@mantine/core';
import {
  CONTACT_TAG_MAX_LENGTH,
  CONTACT_TAGS_MAX,
  normalizeContactTag,
  type ContactDetail,
} from '@guichet/shared';
import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { notifySuccess } from '../../../lib/ui/notify';
import { useUpdateContact } from '../api/contacts';

const sameTags = (a: string[], b: string[]) => a.length === b.length && a.every((tag, i) => tag === b[i]);
const normalized = (tags: string[]) => [
  ...new Set(tags.map(normalizeContactTag).filter((tag) => tag !== '')),
];

/** The person's labels, stored as the server normalises them (shown that way while typing too). */
export function ContactTags({ contact, pageId }: { contact: ContactDetail; pageId: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const update = useUpdateContact(pageId);
  const [tags, setTags] = useState(contact.tags);
  // A tag typed but not yet confirmed with Enter is saved too.
  const [typing, setTyping] = useState('');
  const next = normalized([...tags, typing]);
  const changed = !sameTags(next, contact.tags);

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (update.isPending || !changed) return;
    setTags(next);
    setTyping('');
    update.mutate({ tags: next }, { onSuccess: () => notifySuccess(t, t('contactTags.saved')) });
  };

  return (
    <Stack component="section" gap="sm" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        {t('contactTags.title')}
      </Title>
      <Text size="sm">{t('contactTags.intro')}</Text>
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="sm" maw={640}>
          <TagsInput
            label={t('contactTags.label')}
            description={t('contactTags.description', {
              max: CONTACT_TAGS_MAX,
              length: CONTACT_TAG_MAX_LENGTH,
            })}
            placeholder={t('contactTags.placeholder')}
            value={tags}
            onChange={(value) => {
              update.reset();
              setTags(normalized(value));
            }}
            searchValue={typing}
            onSearchChange={setTyping}
            maxTags={CONTACT_TAGS_MAX}
            maxLength={CONTACT_TAG_MAX_LENGTH}
            splitChars={[',']}
            acceptValueOnBlur
            clearable={false}
          />
          {update.isError && <ErrorAlert error={update.error} title={t('contactTags.failedTitle')} />}
          <Group>
            <Button type="submit" loading={update.isPending} disabled={!changed}>
              {t('contactTags.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
