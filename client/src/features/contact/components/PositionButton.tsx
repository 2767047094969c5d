import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

type Lookup = 'idle' | 'pending' | 'found' | 'denied' | 'unavailable';

/** Rounds to about ten centimetres: more digits say nothing more about where a pothole is. */
const round = (n: number) => String(Math.round(n * 1e6) / 1e6);

/** "Use my position": fills latitude and longitude from the browser, with its outcome announced. */
export function PositionButton({ onPosition }: { onPosition: (lat: string, long: string) => void }) {
  const { t } = useTranslation();
  const [lookup, setLookup] = useState<Lookup>('idle');
  // Without geolocation (old browser, blocked by policy), the coordinates can still be typed.
  if (typeof navigator === 'undefined' || !('geolocation' in navigator)) return null;

  const locate = () => {
    setLookup('pending');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        onPosition(round(position.coords.latitude), round(position.coords.longitude));
        setLookup('found');
      },
      (error) => setLookup(error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable'),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  return (
    <Group gap="sm" align="center">
      <Button type="button" variant="default" onClick={locate}>
        {t('contact.usePosition')}
      </Button>
      {/* Always in the page, so screen readers announce what the lookup found. */}
      <Text size="sm" role="status" c={lookup === 'denied' || lookup === 'unavailable' ? 'red.9' : undefined}>
        {lookup === 'pending' && t('contact.positionPending')}
        {lookup === 'found' && t('contact.positionFound')}
        {lookup === 'denied' && t('contact.positionDenied')}
        {lookup === 'unavailable' && t('contact.positionUnavailable')}
      </Text>
    </Group>
  );
}
