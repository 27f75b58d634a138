'use client';

import { useState } from 'react';
import { PATCH_BODIES, type PatchActionName } from '@/lib/dialects/ecns/workloads-requests';
import { ApiError } from '@/lib/client/api';
import { usePatchWorkload, type PatchBodies, type WorkloadRef } from '@/lib/client/use-workloads';
import { zodFieldErrors } from '../format';

/**
 * One PATCH action of a workload: the body is checked with the schema the
 * route handler uses, then sent; problems (the browser's or the server's)
 * are kept by field name (`update_strategy.max_surge`) for the form to show
 * on its inputs, and what no input shows is `rest`.
 */
export function useAction<A extends PatchActionName>(workload: WorkloadRef, action: A) {
  const patch = usePatchWorkload(workload, action);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [applied, setApplied] = useState(false);
  const [other, setOther] = useState<string | null>(null);

  const submit = (body: PatchBodies[A]) => {
    setApplied(false);
    setOther(null);
    const checked = PATCH_BODIES[action].safeParse(body);
    if (!checked.success) {
      setFields(zodFieldErrors(checked.error));
      return;
    }
    setFields({});
    patch.mutate(body, {
      onSuccess: () => setApplied(true),
      onError: (err) => {
        if (err instanceof ApiError && Object.keys(err.fields).length) setFields(err.fields);
        else setOther(err instanceof ApiError && err.status === 0 ? 'network' : err.message);
      },
    });
  };
  return {
    submit,
    pending: patch.isPending,
    applied,
    /** The problem named for this field, if any. */
    error: (path: string) => fields[path],
    /** Problems no input of the form shows (given the paths it does show). */
    rest: (shown: string[]) => [
      ...Object.entries(fields).filter(([k]) => !shown.includes(k)).map(([k, v]) => `${k}: ${v}`),
      ...(other ? [other] : []),
    ],
  };
}
