import { z } from 'zod';
import { repositoryName, tagName, workspaceName } from '../../images/names';

/** Wire shapes of the ote-stack "Repository Management" endpoints. */

const page = z.coerce.number().int('a whole number').min(1, 'at least 1').default(1);
/** 0 means every row, as the seed says ("0 for no limited"). */
const pageSize = z.coerce.number().int('a whole number').min(0, 'at least 0').max(1000, 'at most 1000').default(10);
const order = z.enum(['asc', 'desc'], 'asc or desc').default('desc');

/** `workspace/repository`, as ote names images. */
export const fullImageName = z
  .string({ error: 'required' })
  .min(1, 'required')
  .refine((s) => {
    const i = s.indexOf('/');
    return i > 0 && workspaceName.safeParse(s.slice(0, i)).success && repositoryName.safeParse(s.slice(i + 1)).success;
  }, '<projectName>/<image> with OCI name components');

export const imageListQuery = z.object({
  projectName: z.string({ error: 'required' }).pipe(workspaceName),
  imageName: z.string().max(255, 'at most 255 characters').optional(),
  orderBy: z.enum(['id', 'imageName', 'createTime', 'updateTime'], 'one of id, imageName, createTime, updateTime').default('id'),
  order,
  page,
  pageSize,
});

export const tagListQuery = z.object({
  imageName: fullImageName,
  orderBy: z.enum(['id', 'tag', 'createTime', 'updateTime'], 'one of id, tag, createTime, updateTime').default('id'),
  order,
  page,
  pageSize,
});

const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item)]).transform((v) => (Array.isArray(v) ? v : [v]));

export const imageDelete = z.object({ imageName: oneOrMany(fullImageName).pipe(z.array(z.string()).min(1, 'at least one image')) });

export const tagDelete = z.object({
  imageName: fullImageName,
  tag: oneOrMany(tagName).pipe(z.array(z.string()).min(1, 'at least one tag')),
});

export const projectListQuery = z.object({
  projectName: z.string().max(64, 'at most 64 characters').optional(),
  orderBy: z.enum(['id', 'projectName', 'createTime', 'updateTime'], 'one of id, projectName, createTime, updateTime').default('id'),
  order,
  page,
  pageSize,
});

export const projectCreate = z.strictObject({
  projectName: z.string({ error: 'required' }).pipe(workspaceName),
  public: z.boolean('required, true or false'),
});

export const thirdCreate = z.strictObject({
  repositoryId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, 'letters, digits, _ . - (at most 63)').optional(),
  address: z.string().min(1, 'required').max(255, 'at most 255 characters').regex(/^[^\s/]+(\/[^\s]*)?$/, 'a registry host[:port][/path]'),
  user: z.string().max(255, 'at most 255 characters').default(''),
  password: z.string().max(1024, 'at most 1024 characters').default(''),
});

export const thirdListQuery = z.object({ page, pageSize });

export const imageItem = z.object({
  projectName: z.string(),
  public: z.boolean(),
  imageName: z.string(),
  imageAddress: z.string(),
  createTime: z.number(),
  updateTime: z.number(),
});

export const tagItem = z.object({ tag: z.string(), imageAddress: z.string(), createTime: z.number(), updateTime: z.number() });

export const projectItem = z.object({
  projectId: z.number(),
  projectName: z.string(),
  createTime: z.string(),
  updateTime: z.string(),
  public: z.boolean(),
  imageCount: z.number(),
});

export const thirdItem = z.object({ repositoryId: z.string(), address: z.string(), user: z.string() });

export type ImageItem = z.infer<typeof imageItem>;
export type TagItem = z.infer<typeof tagItem>;
export type ProjectItem = z.infer<typeof projectItem>;
export type ThirdItem = z.infer<typeof thirdItem>;

/** Unix seconds, as the seed's examples give times. */
export const unixSeconds = (d: Date) => Math.floor(d.getTime() / 1000);

/** ote's success envelope. */
export function oteBody(data: unknown, extra: { total?: number; code?: number; message?: string } = {}) {
  const body: Record<string, unknown> = { data };
  if (extra.total !== undefined) body.total = extra.total;
  body.code = extra.code ?? 200;
  body.message = extra.message ?? 'success';
  return body;
}
