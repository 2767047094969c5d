import { Anchor, Button, Divider, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { AnswerDetail, AnswerVersionView } from '@guichet/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiRequestError } from '../../../lib/api-client';
import { validationDetails, type FieldDetail } from '../../../lib/api-details';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { errorMessage } from '../../../lib/ui/error-message';
import { PageLoader } from '../../../lib/ui/PageLoader';
import { useAnswer, useArchiveAnswer, useUpdateAnswer, useValidateAnswer } from '../api/answers';
import { AnswerForm } from './AnswerForm';
import { AnswerHistory } from './AnswerHistory';
import classes from './AnswerPage.module.css';
import { AnswerStatusBadge, PendingVersionBadge } from './AnswerStatusBadge';

export function AnswerPage() {
  const { id = '' } = useParams<{ id: string }>();
  return <AnswerView key={id} answerId={id} />;
}

function AnswerView({ answerId }: { answerId: string }) {
  const { t } = useTranslation();
  const answer = useAnswer(answerId);
  useDocumentTitle(answer.data ? answer.data.title : null);
  return (
    <Stack gap="lg" maw="56rem">
      <Anchor component={Link} to="/answers" size="sm">
        <span aria-hidden>← </span>
        {t('answers.back')}
      </Anchor>
      {answer.isPending && <PageLoader />}
      {answer.isError && !answer.data && (
        <ErrorAlert
          error={answer.error}
          title={isApiRequestError(answer.error, 404) ? t('answers.notFound') : undefined}
          onRetry={() => void answer.refetch()}
        />
      )}
      {answer.data && <AnswerContent answer={answer.data} />}
    </Stack>
  );
}

function AnswerContent({ answer }: { answer: AnswerDetail }) {
  const { t } = useTranslation();
  const draft = answer.versions.find((v) => v.version === answer.draftVersion) ?? null;
  const published = answer.versions.find((v) => v.version === answer.publishedVersion) ?? null;
  return (
    <>
      <Stack gap={6}>
        <Title order={1}>{answer.title}</Title>
        <Group gap="xs">
          <AnswerStatusBadge status={answer.status} />
          {answer.publishedVersion !== null && answer.status !== 'archived' && (
            <PendingVersionBadge version={answer.draftVersion} />
          )}
          <Text size="sm">
            {answer.service.name} · {t('answers.usage', { count: answer.usageCount })}
          </Text>
        </Group>
      </Stack>
      <HeadActions answer={answer} />
      {published ? (
        <VersionPanel title={t('answers.inUseTitle', { version: published.version })} version={published} />
      ) : (
        <Text>{t('answers.neverValidated')}</Text>
      )}
      {draft && (
        <VersionPanel title={t('answers.draftTitle', { version: draft.version })} version={draft} isDraft />
      )}
      <Divider />
      {answer.status === 'archived' ? (
        <Text>{t('answers.archivedHelp')}</Text>
      ) : (
        <EditSection answer={answer} base={draft ?? published} />
      )}
      <Divider />
      <AnswerHistory answer={answer} />
    </>
  );
}

function VersionPanel({
  title,
  version,
  isDraft,
}: {
  title: string;
  version: AnswerVersionView;
  isDraft?: boolean;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className={classes.panel} data-draft={isDraft || undefined} aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId}>
        {title}
      </Title>
      <Text fw={600} mt="xs">
        {version.title}
      </Text>
      <p className={classes.text}>{version.body}</p>
      <Text size="sm">
        {version.tags.length > 0 && `${version.tags.join(' · ')} — `}
        {t('answers.suitableForLabel')} : {t(`answers.suitableFor.${version.suitableFor}`)}
      </Text>
    </section>
  );
}

/** Validate the pending version, archive or restore: the service's head (or an admin) only. */
function HeadActions({ answer }: { answer: AnswerDetail }) {
  const { t } = useTranslation();
  const validate = useValidateAnswer(answer.id);
  const archive = useArchiveAnswer(answer.id);
  const done = (message: string) =>
    notifications.show({
      color: 'teal.9',
      role: 'status',
      message,
      closeButtonProps: { 'aria-label': t('common.close') },
    });
  const failed = (error: unknown) =>
    notifications.show({
      color: 'red',
      title: t('answers.actionFailed'),
      message: errorMessage(error, t),
      autoClose: 15_000,
      closeButtonProps: { 'aria-label': t('common.close') },
    });

  if (!answer.canValidate) {
    return answer.draftVersion !== null ? <Text size="sm">{t('answers.headOnly')}</Text> : null;
  }
  const archived = answer.status === 'archived';
  const pendingVersion = answer.draftVersion;
  return (
    <Group gap="sm">
      {!archived && pendingVersion !== null && (
        <Button
          loading={validate.isPending}
          onClick={() =>
            validate.mutate(pendingVersion, {
              onSuccess: () => done(t('answers.validated', { version: pendingVersion })),
              onError: failed,
            })
          }
        >
          {t('answers.validate', { version: pendingVersion })}
        </Button>
      )}
      <Button
        variant="default"
        loading={archive.isPending}
        onClick={() =>
          archive.mutate(!archived, {
            onSuccess: () => done(t(archived ? 'answers.restored' : 'answers.archived')),
            onError: failed,
          })
        }
      >
        {t(archived ? 'answers.restore' : 'answers.archive')}
      </Button>
    </Group>
  );
}

function EditSection({ answer, base }: { answer: AnswerDetail; base: AnswerVersionView | null }) {
  const { t } = useTranslation();
  const update = useUpdateAnswer(answer.id);
  const headingId = useId();
  const [failure, setFailure] = useState<FieldDetail[] | null>(null);
  const text = base ?? answer;
  const nextVersion = Math.max(0, ...answer.versions.map((v) => v.version)) + 1;
  const help =
    answer.draftVersion !== null
      ? t('answers.editHelpDraft', { version: answer.draftVersion })
      : t('answers.editHelpPublished', { next: nextVersion, published: answer.publishedVersion });
  return (
    <Stack component="section" gap="sm" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        {t('answers.editTitle')}
      </Title>
      <AnswerForm
        // A new server version (validated, edited by someone) starts the form over from it.
        key={`${answer.draftVersion ?? 'none'}-${answer.publishedVersion ?? 'none'}-${base?.updatedAt ?? ''}`}
        initial={{
          serviceId: answer.service.id,
          title: text.title,
          body: text.body,
          tags: text.tags,
          suitableFor: text.suitableFor,
        }}
        withService={false}
        help={help}
        submitLabel={t(answer.draftVersion !== null ? 'answers.saveDraft' : 'answers.proposeVersion')}
        pending={update.isPending}
        failure={failure}
        onSubmit={(draft) =>
          update.mutate(
            { title: draft.title, body: draft.body, tags: draft.tags, suitableFor: draft.suitableFor },
            {
              onSuccess: (saved) => {
                setFailure(null);
                notifications.show({
                  color: 'teal.9',
                  role: 'status',
                  message:
                    saved.draftVersion === null
                      ? t('answers.unchanged')
                      : t('answers.saved', { version: saved.draftVersion }),
                  closeButtonProps: { 'aria-label': t('common.close') },
                });
              },
              onError: (error) => {
                const details = validationDetails(error);
                setFailure(details.length > 0 ? details : [{ path: '', message: errorMessage(error, t) }]);
              },
            },
          )
        }
      />
    </Stack>
  );
}
