import { useEffect, useRef, useState } from 'react';
import type { FieldDetail } from './api-details';

/**
 * Field errors of a form, from the browser's own checks or the server's 400 details: `show` marks
 * the fields and moves focus to the first invalid one; `clearError` clears a field as it is edited.
 */
export function useFormErrors<Field extends string>() {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Partial<Record<Field, string[]>>>({});
  const [details, setDetails] = useState<FieldDetail[] | null>(null);
  const [focusInvalid, setFocusInvalid] = useState(0);

  useEffect(() => {
    if (focusInvalid === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusInvalid]);

  const show = (next: Partial<Record<Field, string[]>>, serverDetails: FieldDetail[] | null = null) => {
    setErrors(next);
    setDetails(serverDetails);
    setFocusInvalid((n) => n + 1);
  };

  const clearError = (field: Field) =>
    setErrors((current) => {
      if (!current[field]) return current;
      const next = { ...current };
      delete next[field];
      return next;
    });

  return { formRef, errors, setErrors, details, setDetails, show, clearError };
}
