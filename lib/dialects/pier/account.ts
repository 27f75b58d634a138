import { z } from 'zod';
import { password } from './names';

export const signIn = z.strictObject({
  name: z.string().min(1, 'required').max(64, 'at most 64 characters'),
  password: z.string().min(1, 'required').max(128, 'at most 128 characters'),
});

export const passwordChange = z
  .strictObject({ current: z.string().min(1, 'required').max(128), next: password })
  .refine((p) => p.current !== p.next, { path: ['next'], message: 'must differ from the current password' });

export const prefs = z.strictObject({
  locale: z.enum(['en', 'zh']).nullable().optional(),
  theme: z.enum(['light', 'dark', 'system']).optional(),
});

export const tokenCreate = z.strictObject({
  name: z.string().trim().min(1, 'required').max(64, 'at most 64 characters'),
  expiresInDays: z.number().int('a whole number of days').min(1, 'at least 1 day').max(365, 'at most 365 days'),
});

export type SignIn = z.infer<typeof signIn>;
export type PasswordChange = z.infer<typeof passwordChange>;
export type Prefs = z.infer<typeof prefs>;
export type TokenCreate = z.infer<typeof tokenCreate>;
