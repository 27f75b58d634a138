import { z } from 'zod';

/** Project names become parts of Kubernetes names later, so they follow DNS-label rules. */
export const projectName = z
  .string()
  .min(1, 'required')
  .max(63, 'at most 63 characters')
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'lowercase letters, digits and "-", starting and ending with a letter or digit');

export const departmentName = z
  .string()
  .trim()
  .min(1, 'required')
  .max(64, 'at most 64 characters')
  .refine((s) => !/[\u0000-\u001f/]/.test(s), 'no control characters or "/"');

export const userName = z
  .string()
  .min(2, 'at least 2 characters')
  .max(32, 'at most 32 characters')
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]*$/, 'letters, digits, ".", "_" and "-", starting with a letter or digit');

export const password = z.string().min(8, 'at least 8 characters').max(128, 'at most 128 characters');

export const description = z.string().max(255, 'at most 255 characters').default('');

export const id = z.string().regex(/^[0-9a-f]{32}$/, 'not a valid id');
