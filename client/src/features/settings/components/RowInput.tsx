import { Input, Text, VisuallyHidden } from '@mantine/core';
import { useId, type ComponentPropsWithoutRef } from 'react';
import classes from './RowInput.module.css';

interface RowInputProps extends Omit<ComponentPropsWithoutRef<'input'>, 'id' | 'className'> {
  /** The visible label, short ("Ouverture"); `context` makes the accessible name unique ("Lundi, plage 1 :"). */
  label: string;
  context: string;
  invalid?: boolean;
  /** The id of the row's error message, shared by the inputs of one row. */
  errorId?: string;
  width?: number | string;
}

/**
 * One input of a row of inputs (an interval, a closure). A native input: the row's single error
 * message is linked to each input with aria-describedby, which Mantine's inputs would overwrite.
 */
export function RowInput({
  label,
  context,
  invalid = false,
  errorId,
  width,
  style,
  ...inputProps
}: RowInputProps) {
  const id = useId();
  return (
    <div>
      <Input.Label htmlFor={id} size="sm">
        <VisuallyHidden>{context} </VisuallyHidden>
        {label}
      </Input.Label>
      <input
        id={id}
        className={classes.input}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
        style={{ width, ...style }}
        {...inputProps}
      />
    </div>
  );
}

/** The message of a row's error, with the id its inputs point to. */
export function RowError({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <Text id={id} size="sm" c="var(--mantine-color-error)" mt={4}>
      {messages.join(' ')}
    </Text>
  );
}
