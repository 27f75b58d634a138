import { z } from 'zod';
import { workload } from './workloads';
import type { WorkloadStatus } from '@/lib/workloads/status';

/** Wire objects of ECNS 1.2 (应用管理). Client-safe: the route handlers and the console's forms share them. */

/** `product_type_list=[eks, hybrid]` for every application endpoint. */
export const APPLICATION_PRODUCT_TYPES = ['eks', 'hybrid'] as const;
export const APPLICATION_TYPES = ['Normal', 'Hybrid'] as const;
export const APPLICATION_STATUSES = ['No workload', 'Stopped', 'Unready', 'Running', 'Processing'] as const;
export type ApplicationState = (typeof APPLICATION_STATUSES)[number];

/** The name is the label `pier.io/application` on its workloads, so it is a label value; Pier keeps it a lowercase DNS label, like workload names. */
export const applicationName = z.string().min(1, 'required').max(63, 'at most 63 characters')
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'lowercase letters, digits and "-", starting and ending with a letter or digit');
export const applicationDescription = z.string().max(1024, 'at most 1024 characters');
const applicationType = z.enum(APPLICATION_TYPES, { error: 'one of Normal, Hybrid' });

/** The seed's `application` (request): Normal applications hold container workloads; Hybrid ones also VMs, which Pier does not run. */
/** Names that would collide with the seed's own paths (/applications/app/, /applications/kernel-capabilities/). */
export const RESERVED_APPLICATION_NAMES = ['app', 'kernel-capabilities'];

export const application = z.strictObject({
  name: applicationName.refine((n) => !RESERVED_APPLICATION_NAMES.includes(n), 'reserved: the name of an ECNS path under /applications/'),
  description: applicationDescription.optional(),
  type: applicationType.optional(),
  vm_network: z.record(z.string(), z.unknown()).nullable().optional(),
  configmaps: z.array(z.record(z.string(), z.unknown())).max(100, 'at most 100').optional(),
  workloads: z.array(workload).max(100, 'at most 100 workloads').optional(),
  virtual_machines: z.array(z.record(z.string(), z.unknown())).max(100, 'at most 100').optional(),
}).superRefine((a, ctx) => {
  const hybrid = a.type === 'Hybrid';
  // The seed: vm_network is optional in the data structure but may not be empty for a hybrid application.
  if (hybrid && (!a.vm_network || !Object.keys(a.vm_network).length)) ctx.addIssue({ code: 'custom', path: ['vm_network'], message: 'required for a Hybrid application' });
  else if (hybrid) ctx.addIssue({ code: 'custom', path: ['type'], message: 'Hybrid applications (virtual machines) are not supported by Pier' });
  if (!hybrid && a.virtual_machines?.length) ctx.addIssue({ code: 'custom', path: ['virtual_machines'], message: 'only for a Hybrid application' });
  if (!hybrid && a.configmaps?.length) ctx.addIssue({ code: 'custom', path: ['configmaps'], message: 'only for a Hybrid application' });
  a.workloads?.forEach((w, i) => {
    if (w.application_name !== undefined && w.application_name !== a.name) {
      ctx.addIssue({ code: 'custom', path: ['workloads', i, 'application_name'], message: `"${w.application_name}" is not the application "${a.name}"` });
    }
  });
  const names = new Set<string>();
  a.workloads?.forEach((w, i) => {
    const key = `${w.workload_base.type}/${w.workload_base.name}`;
    if (names.has(key)) ctx.addIssue({ code: 'custom', path: ['workloads', i, 'workload_base', 'name'], message: `${key} twice` });
    names.add(key);
  });
});
export type ApplicationInput = z.input<typeof application>;

/** POST /applications/: the application object, bare or as `{"application": {...}}` (the seed shows only the type). */
const unwrap = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && 'application' in v ? (v as { application: unknown }).application : v);
export const createApplicationBody = z.preprocess(unwrap, application);

/** PUT /applications/<name>/: only the description changes; `name` must be the URL's (an application is not renamed). */
export const editApplication = z.strictObject({ name: applicationName, description: applicationDescription.optional() });
export const editApplicationBody = z.preprocess(unwrap, editApplication);

const intParam = (min: number, max: number) => z.string().regex(/^[0-9]+$/, 'a whole number').transform(Number)
  .pipe(z.number().min(min, `at least ${min}`).max(max, `at most ${max}`));
export const APPLICATION_PAGE_SIZE_MAX = 500;
export const applicationListQuery = z.strictObject({
  type: applicationType.default('Normal'),
  page: intParam(1, 1_000_000).default(1),
  page_size: intParam(1, APPLICATION_PAGE_SIZE_MAX).default(20),
});
export const applicationTypeQuery = z.strictObject({ type: applicationType.default('Normal') });
export const applicationNameParam = z.strictObject({ name: applicationName });

/** The batch bodies name applications by `name` (other application fields are ignored, as the seed passes whole objects). */
const applicationRef = z.looseObject({ name: applicationName });
export const applicationsBody = z.strictObject({
  applications: z.array(applicationRef).min(1, 'at least one application').max(100, 'at most 100 applications'),
});
export const APPLICATION_ACTIONS = ['start', 'recreate'] as const;
export const applicationActionQuery = z.strictObject({ action: z.enum(APPLICATION_ACTIONS, { error: 'one of start, recreate' }) });

/**
 * DELETE ?resource=: a comma-separated list of workload, service, all.
 * `service` needs `workload` (the seed: "resource=workload,service").
 */
export const RESOURCE_TYPES = ['workload', 'service', 'all'] as const;
export const applicationDeleteQuery = z.strictObject({
  resource: z.string().max(64, 'at most 64 characters').optional().transform((s, ctx) => {
    const parts = (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);
    for (const p of parts) {
      if (!(RESOURCE_TYPES as readonly string[]).includes(p)) {
        ctx.addIssue({ code: 'custom', message: `"${p}" is not one of workload, service, all` });
        return z.NEVER;
      }
    }
    if (parts.includes('service') && !parts.includes('workload') && !parts.includes('all')) {
      ctx.addIssue({ code: 'custom', message: 'service needs workload too (resource=workload,service)' });
      return z.NEVER;
    }
    return new Set(parts as Array<(typeof RESOURCE_TYPES)[number]>);
  }),
});

/** Output: application_info. */
export interface ApplicationInfo {
  application: { name: string; description: string; type: (typeof APPLICATION_TYPES)[number] };
  application_status: { creation_time: string; status: ApplicationState };
  workloads_status: WorkloadStatus[];
}
