import { Button, Group, TextInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState, type SubmitEvent } from 'react';
import { validationDetails } from '../../../lib/api-details';
import { errorMessage } from '../../../lib/ui/error-message';

interface PercentFieldFormProps {
  label: string;
  hint: string;
  saveLabel: string;
  /** Shown when the value is not a whole number between min and max. */
  invalidMessage: string;
  min: number;
  max: number;
  /** The stored value, 0–1. */
  ratio: number;
  saving: boolean;
  /** Saves the new ratio; `fail` shows the server's reason under the field. */
  onSave: (ratio: number, fail: (message: string) => void) => void;
}

/** One setting typed as a whole percentage (« 80 % ») and stored as a ratio. */
export function PercentFieldForm({
  label,
  hint,
  saveLabel,
  invalidMessage,
  min,
  max,
  ratio,
  saving,
  onSave,
}: PercentFieldFormProps) {
  const [value, setValue] = useState(() => String(Math.round(ratio * 100)));
  const [error, setError] = useState<string | undefined>();

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving) return;
    const text = value.trim().replace(/\s*%$/, '');
    const percent = Number(text);
    if (!/^\d+$/.test(text) || percent < min || percent > max) {
      setError(invalidMessage);
      return;
    }
    setError(undefined);
    onSave(percent / 100, setError);
  };

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Group align="flex-start" gap="sm">
        <TextInput
          label={label}
          description={hint}
          value={value}
          onChange={(event) => {
            setValue(event.currentTarget.value);
            setError(undefined);
          }}
          error={error}
          inputMode="numeric"
          pattern="[0-9]*"
          maxLength={3}
          rightSection={<span aria-hidden>%</span>}
          autoComplete="off"
          maw={420}
        />
        <Button type="submit" mt={46} loading={saving}>
          {saveLabel}
        </Button>
      </Group>
    </form>
  );
}

/** The server's field messages of a refused save, or its general reason. */
export function failureText(failure: unknown, t: TFunction): string {
  const details = validationDetails(failure);
  return details.length ? details.map((detail) => detail.message).join(' ') : errorMessage(failure, t);
}
