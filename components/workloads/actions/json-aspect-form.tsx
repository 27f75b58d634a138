'use client';

import { useState } from 'react';
import type { AccessMode, SchedulerStrategy } from '@/lib/dialects/ecns/workloads';
import type { WorkloadRef } from '@/lib/client/use-workloads';
import { useT } from '@/lib/i18n/react';
import { described, Field, Textarea } from '@/components/ui/field';
import { ActionForm } from './action-form';
import { useAction } from './use-action';

type Aspect = { action: 'access_modes'; value: AccessMode[] } | { action: 'scheduler_strategy'; value: SchedulerStrategy[] };

/** Output-only fields the API fills in and ignores on input. */
const OUTPUT_ONLY = ['public_ips', 'private_ips'];

/**
 * Access modes and scheduler strategies are lists of nested ECNS objects:
 * edited here as the JSON the API takes, checked with its schema, each
 * problem listed by its field path (`access_modes.0.access.0.port`). The
 * workload editor has the structured form.
 */
export function JsonAspectForm({ workload, action, value }: { workload: WorkloadRef } & Aspect) {
  const t = useT();
  const a = useAction(workload, action);
  const clean = (value as Array<Record<string, unknown>>).map((x) => Object.fromEntries(Object.entries(x).filter(([k]) => !OUTPUT_ONLY.includes(k))));
  const [text, setText] = useState(JSON.stringify(clean, null, 2));
  const [syntax, setSyntax] = useState<string | undefined>();
  const id = `json-${action}`;
  const submit = () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      setSyntax(t('workloads.forms.jsonInvalid', { message: (e as Error).message }));
      return;
    }
    setSyntax(undefined);
    a.submit({ [action]: parsed } as never);
  };
  const title = t(action === 'access_modes' ? 'workloads.page.access' : 'workloads.page.scheduling');
  return (
    <ActionForm title={title} pending={a.pending} applied={a.applied} problems={a.rest([])} onSubmit={submit}>
      <Field id={id} label={t('workloads.forms.json')} hint={t('workloads.forms.jsonHint', { type: action })} error={syntax}>
        <Textarea {...described(id, syntax, true)} value={text} onChange={(e) => setText(e.target.value)} className="font-mono text-xs" rows={16} spellCheck={false} />
      </Field>
    </ActionForm>
  );
}
