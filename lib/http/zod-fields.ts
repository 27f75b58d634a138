import type { z } from 'zod';

/**
 * A zod error as `{ field path: message }`, for the dialects' errors and the
 * console's forms alike (client-safe). A record key that fails its own rule
 * is reported with that rule's words, not zod's "Invalid key in record".
 */
export function zodFields(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] ??= 'unknown field';
      continue;
    }
    const name = issue.path.length ? issue.path.join('.') : 'body';
    const inner = issue.code === 'invalid_key' ? issue.issues[0]?.message : undefined;
    fields[name] ??= inner ?? issue.message;
  }
  return fields;
}
