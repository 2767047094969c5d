import { Badge, type MantineColor } from '@mantine/core';
import type { Platform } from '@guichet/shared';
import { useTranslation } from 'react-i18next';

// Dark shades: the label stays readable (AA) on the light outline badge.
const COLORS: Record<Platform, MantineColor> = {
  facebook: 'blue.9',
  instagram: 'grape.9',
  mastodon: 'violet.9',
  x: 'dark.9',
  open311: 'teal.9',
};

const GLYPHS: Record<Platform, string> = {
  facebook: 'f',
  instagram: '◎',
  mastodon: 'M',
  x: '𝕏',
  open311: '✉',
};

/** The channel an identity lives on: a glyph for the eye, the channel's name for everyone. */
export function PlatformBadge({ platform }: { platform: Platform }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="outline"
      color={COLORS[platform]}
      tt="none"
      leftSection={<span aria-hidden>{GLYPHS[platform]}</span>}
    >
      {t(`platform.${platform}`)}
    </Badge>
  );
}
