import { Button, Group, Text, TextInput } from '@mantine/core';
import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlaceholderLabel } from '../hooks/use-placeholder-label';
import classes from './PlaceholderFields.module.css';

interface PlaceholderFieldsProps {
  /** The inserted answer's placeholders still written as {name} in the text. */
  names: string[];
  /** The text, to show where those placeholders are. */
  text: string;
  onFill: (name: string, value: string) => void;
  /** Error shown when sending was refused because of them. */
  error?: string;
}

/** Small inputs for what the ticket could not fill, and the text with the remaining placeholders marked. */
export function PlaceholderFields({ names, text, onFill, error }: PlaceholderFieldsProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const helpId = useId();
  if (names.length === 0) return null;
  return (
    <fieldset className={classes.fieldset} aria-describedby={helpId}>
      <legend className={classes.legend} id={headingId}>
        {t('composer.placeholdersTitle')}
      </legend>
      <Text size="sm" id={helpId}>
        {t('composer.placeholdersHelp')}
      </Text>
      {error && (
        <Text size="sm" c="var(--mantine-color-error)" fw={600} role="alert" mt={4}>
          {error}
        </Text>
      )}
      <Group gap="sm" align="flex-end" mt="xs">
        {names.map((name) => (
          <PlaceholderInput key={name} name={name} onFill={onFill} />
        ))}
      </Group>
      <Text size="sm" mt="sm" component="div">
        <span>{t('composer.preview')}</span>
        <p className={classes.preview}>{highlight(text, names)}</p>
      </Text>
    </fieldset>
  );
}

function PlaceholderInput({ name, onFill }: { name: string; onFill: (name: string, value: string) => void }) {
  const { t } = useTranslation();
  const label = usePlaceholderLabel(name);
  const [value, setValue] = useState('');
  const fill = () => {
    if (value.trim()) onFill(name, value.trim());
  };
  const handleKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      // Enter fills the field; it must not submit the reply.
      event.preventDefault();
      fill();
    }
  };
  return (
    <Group gap={4} align="flex-end" wrap="nowrap">
      <TextInput
        size="xs"
        label={label}
        description={`{${name}}`}
        value={value}
        onChange={(event) => setValue(event.currentTarget.value)}
        onKeyDown={handleKeyDown}
        data-placeholder={name}
      />
      <Button
        size="xs"
        variant="default"
        onClick={fill}
        aria-label={t('composer.fillLabel', { name: label })}
      >
        {t('composer.fill')}
      </Button>
    </Group>
  );
}

/** The text with the given placeholders in <mark>, everything else as plain text. */
function highlight(text: string, names: string[]) {
  const pieces = text.split(/(\{[a-z][a-z_]*\})/);
  return pieces.map((piece, i) =>
    names.includes(piece.slice(1, -1)) && piece.startsWith('{') ? (
      <mark key={i} className={classes.mark}>
        {piece}
      </mark>
    ) : (
      piece
    ),
  );
}
