import {
  Alert,
  Button,
  Group,
  List,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { PLATFORMS, type Platform, type RoutingRuleTestResult } from '@guichet/shared';
import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { validationDetails } from '../../../lib/api-details';
import { errorMessage } from '../../../lib/ui/error-message';
import { useTestRoutingRule } from '../api/routing';
import { commaList, fromRuleDraft, ruleFieldLabel, type RuleDraft } from '../rule-form';

/**
 * Tries the rule as it stands in the form (saved or not) on a message typed here: each condition
 * met or not, and what the saved rules and the classifier would decide for the same message.
 */
export function RuleTestBox({ draft }: { draft: RuleDraft }) {
  const { t } = useTranslation();
  const headingId = useId();
  const test = useTestRoutingRule();
  const [text, setText] = useState('');
  const [platform, setPlatform] = useState<Platform | ''>('');
  const [contactTags, setContactTags] = useState('');
  const [textError, setTextError] = useState<string | undefined>();

  const run = () => {
    if (test.isPending) return;
    if (!text.trim()) {
      setTextError(t('routingRules.test.textRequired'));
      return;
    }
    setTextError(undefined);
    test.mutate({
      rule: fromRuleDraft(draft),
      sample: { text, platform: platform || null, contactTags: commaList(contactTags) },
    });
  };
  // Enter in a one-line field tests the rule rather than submitting (saving) it.
  const onEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    run();
  };

  return (
    <Stack
      component="section"
      gap="sm"
      aria-labelledby={headingId}
      p="md"
      bg="gray.0"
      style={{ borderRadius: 4 }}
    >
      <Title order={3} size="h4" id={headingId}>
        {t('routingRules.test.title')}
      </Title>
      <Text size="sm">{t('routingRules.test.intro')}</Text>
      <Textarea
        label={t('routingRules.test.text')}
        value={text}
        onChange={(event) => {
          setText(event.currentTarget.value);
          setTextError(undefined);
        }}
        error={textError}
        autosize
        minRows={2}
        maxLength={4000}
      />
      <Group grow align="flex-start">
        <NativeSelect
          label={t('routingRules.test.platform')}
          data={[
            { value: '', label: t('routingRules.test.anyPlatform') },
            ...PLATFORMS.map((p) => ({ value: p, label: t(`platform.${p}`) })),
          ]}
          value={platform}
          onChange={(event) => setPlatform(event.currentTarget.value as Platform | '')}
        />
        <TextInput
          label={t('routingRules.test.contactTags')}
          description={t('routingRules.commaHint')}
          value={contactTags}
          onChange={(event) => setContactTags(event.currentTarget.value)}
          onKeyDown={onEnter}
        />
      </Group>
      <Group>
        <Button type="button" variant="outline" onClick={run} loading={test.isPending}>
          {t('routingRules.test.run')}
        </Button>
      </Group>
      <div aria-live="polite">
        {test.isError && <TestFailure error={test.error} />}
        {test.data && !test.isPending && <TestOutcome result={test.data} />}
      </div>
    </Stack>
  );
}

function TestOutcome({ result }: { result: RoutingRuleTestResult }) {
  const { t } = useTranslation();
  return (
    <Alert
      color={result.matched ? 'teal.9' : 'gray.8'}
      variant="outline"
      title={t(result.matched ? 'routingRules.test.matched' : 'routingRules.test.notMatched')}
    >
      <Stack gap="xs">
        <List size="sm" spacing={4}>
          {result.conditions.map((condition) => (
            <List.Item key={condition.field}>
              <Text span size="sm" fw={600}>
                {t(condition.matched ? 'routingRules.test.met' : 'routingRules.test.notMet')}
              </Text>{' '}
              {t('calendar.detail', { field: ruleFieldLabel(condition.field, t), message: condition.detail })}
            </List.Item>
          ))}
        </List>
        <Text size="sm">
          <Text span size="sm" fw={600}>
            {t('routingRules.test.today')}
          </Text>{' '}
          {result.decision.explanation}
        </Text>
      </Stack>
    </Alert>
  );
}

function TestFailure({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const details = validationDetails(error);
  return (
    <Alert color="red.9" variant="outline" title={t('routingRules.test.failed')}>
      {details.length > 0 ? (
        <List size="sm">
          {details.map((detail, index) => (
            <List.Item key={index}>
              {t('calendar.detail', { field: ruleFieldLabel(detail.path, t), message: detail.message })}
            </List.Item>
          ))}
        </List>
      ) : (
        <Text size="sm">{errorMessage(error, t)}</Text>
      )}
    </Alert>
  );
}
