import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import type { AnswerDetail } from '@guichet/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/use-locale';
import classes from './AnswerPage.module.css';

/** Every version, newest first: who wrote it, who validated it and when, and its text. */
export function AnswerHistory({ answer }: { answer: AnswerDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const headingId = useId();
  const name = (user: { displayName: string } | null) => user?.displayName ?? t('answers.someone');
  return (
    <Stack component="section" gap="sm" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        {t('answers.history')}
      </Title>
      <ol className={classes.history} aria-labelledby={headingId}>
        {answer.versions.map((v) => (
          <li key={v.version} className={classes.version}>
            <Group gap="xs">
              <Text fw={700}>{t('answers.historyVersion', { version: v.version })}</Text>
              {v.version === answer.publishedVersion && (
                <Badge color="teal.9" variant="filled" radius="sm">
                  {t('answers.inUse')}
                </Badge>
              )}
              {v.state === 'draft' && (
                <Badge color="violet.9" variant="outline" radius="sm">
                  {t('answers.waiting')}
                </Badge>
              )}
            </Group>
            <Text size="sm">
              {t('answers.writtenBy', { name: name(v.author), date: formatDateTime(v.updatedAt, locale) })}
            </Text>
            {v.validatedAt && (
              <Text size="sm">
                {t('answers.validatedBy', {
                  name: name(v.validatedBy),
                  date: formatDateTime(v.validatedAt, locale),
                })}
              </Text>
            )}
            <details className={classes.details}>
              <summary>{v.title}</summary>
              <p className={classes.text}>{v.body}</p>
              {v.tags.length > 0 && <Text size="sm">{v.tags.join(' · ')}</Text>}
              <Text size="sm">
                {t('answers.suitableForLabel')} : {t(`answers.suitableFor.${v.suitableFor}`)}
              </Text>
            </details>
          </li>
        ))}
      </ol>
    </Stack>
  );
}
