import { z } from 'zod';

const named = z.strictObject({ name: z.string().min(1, 'required').max(64, 'at most 64 characters') });

const passwordUser = z
  .strictObject({
    id: z.string().min(1).max(64).optional(),
    name: z.string().min(1).max(64).optional(),
    password: z.string().min(1, 'required').max(128, 'at most 128 characters'),
    domain: z.union([named, z.strictObject({ id: z.string().min(1).max(64) })]).optional(),
  })
  .refine((u) => (u.id === undefined) !== (u.name === undefined), {
    message: 'give exactly one of user.id and user.name',
    path: ['name'],
  });

/** The Keystone v3 password authentication body, as Huawei IAM and ECNS clients send it. */
export const tokenRequest = z.strictObject({
  auth: z.strictObject({
    identity: z.strictObject({
      methods: z.array(z.literal('password', { message: 'only the "password" method is supported' })).length(1, 'exactly ["password"]'),
      password: z.strictObject({ user: passwordUser }),
    }),
    scope: z
      .strictObject({
        project: z
          .strictObject({
            id: z.string().min(1).max(64).optional(),
            name: z.string().min(1).max(64).optional(),
            domain: z.union([named, z.strictObject({ id: z.string().min(1).max(64) })]).optional(),
          })
          .refine((p) => (p.id === undefined) !== (p.name === undefined), {
            message: 'give exactly one of project.id and project.name',
            path: ['name'],
          }),
      })
      .optional(),
  }),
});

export type TokenRequest = z.infer<typeof tokenRequest>;
