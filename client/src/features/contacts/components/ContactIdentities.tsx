import { Group, Stack, Text, Title } from '@mantine/core';
import type { ContactView } from '@guichet/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PlatformBadge } from './PlatformBadge';

/** Each account of the person: channel, name and handle as the platform gave them. */
export function ContactIdentities({ identities }: { identities: ContactView[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <Stack component="section" gap="sm" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        {t('contactPage.identitiesTitle')}
      </Title>
      <Text size="sm">{t('contactPage.identitiesIntro')}</Text>
      <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }}>
        {identities.map((identity) => (
          <li key={identity.id}>
            <IdentityLine identity={identity} />
          </li>
        ))}
      </Stack>
    </Stack>
  );
}

export function IdentityLine({ identity }: { identity: ContactView }) {
  const { t } = useTranslation();
  const name = identity.displayName?.trim();
  const handle = identity.handle?.trim();
  return (
    <Group gap="xs" wrap="nowrap" align="baseline">
      <PlatformBadge platform={identity.platform} />
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {name && <Text span fw={600} size="sm">{`${name} `}</Text>}
        {handle && handle !== name ? (
          <Text span size="sm">
            {name ? `(${handle})` : handle}
          </Text>
        ) : (
          !name && (
            <Text span size="sm" fs="italic">
              {t('contactPage.noHandle')}
            </Text>
          )
        )}
      </Text>
    </Group>
  );
}
