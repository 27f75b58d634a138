import { z } from 'zod';
import { departmentName, description, id, password, projectName, userName } from './names';

export const roles = ['system_admin', 'admin', 'developer', 'visitor'] as const;
export const roleSchema = z.enum(roles);

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

export type DepartmentCreate = z.infer<typeof departmentCreate>;
export type DepartmentUpdate = z.infer<typeof departmentUpdate>;
export type ProjectCreate = z.infer<typeof projectCreate>;
export type ProjectUpdate = z.infer<typeof projectUpdate>;
export type UserCreate = z.infer<typeof userCreate>;
export type UserUpdate = z.infer<typeof userUpdate>;
