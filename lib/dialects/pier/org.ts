import { z } from 'zod';
import { departmentName, description, id, password, projectName, userName } from './names';

export const roles = ['system_admin', 'admin', 'developer', 'visitor'] as const;
export const roleSchema = z.enum(roles);
export type Role = (typeof roles)[number];

export const departmentCreate = z.strictObject({ name: departmentName, description });
export const departmentUpdate = z.strictObject({ name: departmentName.optional(), description: description.optional() });

export const projectCreate = z.strictObject({ departmentId: id, name: projectName, description });
export const projectUpdate = z.strictObject({ description: z.string().max(255, 'at most 255 characters') });

export const userCreate = z
  .strictObject({
    name: userName,
    displayName: z.string().max(64, 'at most 64 characters').default(''),
    email: z.union([z.literal(''), z.email('not an email address')]).default(''),
    role: roleSchema,
    departmentId: id.nullable().default(null),
    password,
    projectIds: z.array(id).max(100, 'at most 100 projects').default([]),
  })
  .refine((u) => (u.role === 'system_admin') === (u.departmentId === null), {
    path: ['departmentId'],
    message: 'a system administrator has no department; every other user needs one',
  });

export const userUpdate = z.strictObject({
  displayName: z.string().max(64, 'at most 64 characters').optional(),
  email: z.union([z.literal(''), z.email('not an email address')]).optional(),
  role: z.enum(['admin', 'developer', 'visitor']).optional(),
  disabled: z.boolean().optional(),
  password: password.optional(),
});

export const membershipChange = z.strictObject({ userId: id });

/** The largest page a list answers; pickers that want "everything" ask for this and say when there is more. */
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

/** Query of `GET /users` and `GET /projects`: one page, optionally narrowed by department and name. */
export const listQuery = z.strictObject({
  page: z.coerce.number().int('a whole number').min(1, 'at least 1').default(1),
  pageSize: z.coerce.number().int('a whole number').min(1, 'at least 1').max(MAX_PAGE_SIZE, `at most ${MAX_PAGE_SIZE}`).default(DEFAULT_PAGE_SIZE),
  // An empty value means "no filter", as the console's forms send it.
  q: z.string().max(128, 'at most 128 characters').optional().transform((s) => s || undefined),
  departmentId: z.preprocess((v) => (v === '' ? undefined : v), id.optional()),
});

export type DepartmentCreate = z.infer<typeof departmentCreate>;
export type DepartmentUpdate = z.infer<typeof departmentUpdate>;
export type ProjectCreate = z.infer<typeof projectCreate>;
export type ProjectUpdate = z.infer<typeof projectUpdate>;
export type UserCreate = z.infer<typeof userCreate>;
export type UserUpdate = z.infer<typeof userUpdate>;
export type ListQuery = z.infer<typeof listQuery>;
