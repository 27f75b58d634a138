import { z } from 'zod';
import { repositoryName, tagName, workspaceName } from '../../images/names';

/** Wire shapes of ECNS 1.7 (工作空间) and 1.9 (镜像), product type `image`. */
export const IMAGE_PRODUCT_TYPES = ['image'] as const;

/** The seed's booleans are strings "true"/"false"; JSON booleans are taken too. */
const strBool = z.union([z.boolean(), z.enum(['true', 'false', 'True', 'False'], 'true or false')]).transform((v) => v === true || v === 'true' || v === 'True');

const page = z.coerce.number().int('a whole number').min(1, 'at least 1').default(1);
const pageSize = z.coerce.number().int('a whole number').min(1, 'at least 1').max(1000, 'at most 1000').default(20);

export const harborProjectCreate = z.strictObject({
  harbor_project_name: z.string({ error: 'required' }).pipe(workspaceName),
  public: z.unknown().refine((v) => v !== undefined, 'required (true/false)').pipe(strBool),
  /** Pier's addition: the owning Pier project (the console sends its current project). */
  project_id: z.string().max(64, 'at most 64 characters').optional(),
});

export const harborProjectAccess = z.strictObject({
  public: z.unknown().refine((v) => v !== undefined, 'required (true/false)').pipe(strBool),
});

export const harborProjectsQuery = z.object({
  all: strBool.optional(),
  page,
  page_size: pageSize,
  name: z.string().max(64, 'at most 64 characters').optional(),
  project_id: z.string().max(64).optional(),
});

export const harborProjectDelete = z.strictObject({
  harbor_projects: z.array(workspaceName, 'a list of workspace names').min(1, 'at least one workspace'),
  /** Pier's addition: administrators may delete workspaces that still hold images. */
  force: z.boolean().default(false),
});

export const repositoriesQuery = z.object({
  public: strBool.optional(),
  page,
  page_size: pageSize,
  harbor_project_name: workspaceName.optional(),
  name: z.string().max(255, 'at most 255 characters').optional(),
  /** Pier's additions, for the console: sort key and direction. */
  order_by: z.enum(['name', 'creation_time', 'update_time', 'pull_count'], 'one of name, creation_time, update_time, pull_count').default('name'),
  order: z.enum(['asc', 'desc'], 'asc or desc').default('asc'),
  project_id: z.string().max(64).optional(),
});

export const REPOSITORY_ORDER = { name: 'name', creation_time: 'created', update_time: 'updated', pull_count: 'pulls' } as const;

export const tagsQuery = z.object({
  page,
  page_size: pageSize,
  name: z.string().max(128, 'at most 128 characters').optional(),
  order_by: z.enum(['name', 'creation_time', 'size'], 'one of name, creation_time, size').default('name'),
  order: z.enum(['asc', 'desc'], 'asc or desc').default('asc'),
});

export const TAG_ORDER = { name: 'name', creation_time: 'created', size: 'size' } as const;

const combo = z.number('a whole number').int('a whole number').min(0, 'at least 0').max(100000, 'at most 100000');

/** Pier's addition to 编辑镜像: administrators set NetEase's `weight` and `constraint` here too. */
export const repositoryEdit = z.strictObject({
  description: z.string({ error: 'required' }).max(65536, 'at most 65536 characters'),
  weight: z.number('a whole number').int('a whole number').min(-1000, 'at least -1000').max(1000, 'at most 1000').optional(),
  constraint: z
    .strictObject({ min_combo: combo, max_combo: combo, min_machine_spec: combo, max_machine_spec: combo })
    .refine((c) => c.min_combo <= c.max_combo, { path: ['min_combo'], message: 'at most max_combo' })
    .refine((c) => c.min_machine_spec <= c.max_machine_spec, { path: ['min_machine_spec'], message: 'at most max_machine_spec' })
    .nullable()
    .optional(),
});

export const repositoriesDelete = z.strictObject({
  images: z
    .array(z.strictObject({ harbor_project_name: workspaceName, image_name: repositoryName }), 'a list of {harbor_project_name, image_name}')
    .min(1, 'at least one image'),
});

export const tagsDelete = z.strictObject({ tags: z.array(tagName, 'a list of tag names').min(1, 'at least one tag') });

export const gcSchedule = z.strictObject({ type: z.enum(['Manual', 'None'], '"Manual" or "None"') });

export const domainProjectInfo = z.object({ domain_name: z.string(), openstack_project_name: z.string() });

export const harborProjectBase = z.object({
  harbor_project_name: z.string(),
  public: z.enum(['true', 'false']),
  creation_time: z.string(),
  image_count: z.number(),
  domain_project_info: domainProjectInfo,
  /** Pier's addition: bytes of the distinct images in the workspace. */
  size: z.number(),
});

export const imageBase = z.object({
  name: z.string(),
  harbor_project_name: z.string(),
  creation_time: z.string(),
  tags_count: z.number(),
  domain_project_info: domainProjectInfo,
  id: z.string(),
  description: z.string(),
  public: z.enum(['True', 'False']),
  /** Pier's additions: downloads and bytes of the distinct images. */
  pull_count: z.number(),
  size: z.number(),
});

export const tagInfo = z.object({
  tag_name: z.string(),
  creation_time: z.string(),
  size: z.number(),
  docker_version: z.string(),
  pull_command: z.string(),
  /** Pier's additions. */
  digest: z.string(),
  architecture: z.string(),
});

export type HarborProjectBase = z.infer<typeof harborProjectBase>;
export type ImageBase = z.infer<typeof imageBase>;
export type TagInfo = z.infer<typeof tagInfo>;
