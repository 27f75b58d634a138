import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError } from './api';

/**
 * Puts an API error on the form: each `fields` entry on its input when the
 * form has one, everything else on `root.server` for the form to show.
 */
export function applyApiError<T extends FieldValues>(
  err: unknown,
  setError: UseFormSetError<T>,
  formFields: readonly Path<T>[],
): void {
  if (!(err instanceof ApiError)) {
    setError('root.server', { message: String(err) });
    return;
  }
  const rest: string[] = [];
  for (const [field, message] of Object.entries(err.fields)) {
    if ((formFields as readonly string[]).includes(field)) setError(field as Path<T>, { type: 'server', message }, { shouldFocus: true });
    else rest.push(`${field}: ${message}`);
  }
  if (Object.keys(err.fields).length === 0 || rest.length) {
    setError('root.server', { message: rest.length ? rest.join('; ') : errorMessage(err) });
  }
}

/** What to show for an error not tied to a field. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.status === 0 ? 'network' : err.message;
  return err instanceof Error ? err.message : String(err);
}
