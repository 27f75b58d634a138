'use client';

import { useState } from 'react';
import type { WorkloadRef, WorkloadView } from '@/lib/client/use-workloads';
import { useT } from '@/lib/i18n/react';
import { described, Field, Textarea } from '@/components/ui/field';
import { labelsText, parseLabelsText } from '@/components/clusters/labels-text';
import { ActionForm } from './action-form';
import { useAction } from './use-action';

export function LabelsForm({ workload, view }: { workload: WorkloadRef; view: WorkloadView }) {
  const t = useT();
  const a = useAction(workload, 'labels');
  const [text, setText] = useState(labelsText(view.labels ?? {}));
  const [local, setLocal] = useState<string | undefined>();
  // The API names a bad label by its key (`labels.<key>`): all go on the one text box.
  const server = a.rest([]).filter((p) => p.startsWith('labels'));
  const err = local ?? (server.length ? server.map((p) => p.replace(/^labels\./, '')).join('; ') : undefined);
  const submit = () => {
    const labels = parseLabelsText(text);
    if (!labels) {
      setLocal(t('workloads.forms.labelsInvalid'));
      return;
    }
    setLocal(undefined);
    a.submit({ labels });
  };
  return (
    <ActionForm title={t('workloads.page.labels')} pending={a.pending} applied={a.applied} problems={a.rest([]).filter((p) => !p.startsWith('labels'))} onSubmit={submit}>
      <Field id="labels" label={t('workloads.forms.labels')} hint={t('workloads.forms.labelsHint')} error={err}>
        <Textarea {...described('labels', err, true)} value={text} onChange={(e) => setText(e.target.value)} className="font-mono" rows={6} />
      </Field>
    </ActionForm>
  );
}
