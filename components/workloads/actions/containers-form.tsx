'use client';

import { useState } from 'react';
import type { Container } from '@/lib/dialects/ecns/workloads';
import type { WorkloadRef, WorkloadView } from '@/lib/client/use-workloads';
import { useT } from '@/lib/i18n/react';
import { described, Field, Input } from '@/components/ui/field';
import { ActionForm } from './action-form';
import { useAction } from './use-action';

/**
 * Changes the containers' images. The rest of each container is sent back
 * as it was read (the action replaces the containers as a whole); the full
 * container editor is the workload editor's.
 */
export function ContainersForm({ workload, view }: { workload: WorkloadRef; view: WorkloadView }) {
  const t = useT();
  const a = useAction(workload, 'containers');
  const [images, setImages] = useState(view.containers.map((c) => ({ image: c.image.image, version: c.image.image_version })));
  const shown = view.containers.flatMap((_, i) => [`containers.${i}.image.image`, `containers.${i}.image.image_version`]);
  const body = (): { containers: Container[] } => ({
    containers: view.containers.map((c, i) => {
      const { container_statuses: _status, ...rest } = c;
      return { ...rest, image: { ...rest.image, image: images[i].image.trim(), image_version: images[i].version.trim() } };
    }),
  });
  const set = (i: number, patch: Partial<{ image: string; version: string }>) => setImages((xs) => xs.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <ActionForm title={t('workloads.page.containers')} pending={a.pending} applied={a.applied} problems={a.rest(shown)} onSubmit={() => a.submit(body())}>
      {view.containers.map((c, i) => {
        const imgId = `container-${i}-image`;
        const verId = `container-${i}-version`;
        const imgErr = a.error(`containers.${i}.image.image`);
        const verErr = a.error(`containers.${i}.image.image_version`);
        return (
          <fieldset key={c.name} className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
            <legend className="px-1 text-sm font-semibold text-slate-900 dark:text-slate-100">
              {t('workloads.forms.container', { name: c.name })}{c.type === 'init' ? ` (${t('workloads.forms.init')})` : ''}
            </legend>
            <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
              <Field id={imgId} label={t('workloads.forms.image')} error={imgErr}>
                <Input {...described(imgId, imgErr)} value={images[i].image} onChange={(e) => set(i, { image: e.target.value })} className="font-mono" />
              </Field>
              <Field id={verId} label={t('workloads.forms.imageVersion')} error={verErr}>
                <Input {...described(verId, verErr)} value={images[i].version} onChange={(e) => set(i, { version: e.target.value })} className="font-mono" />
              </Field>
            </div>
          </fieldset>
        );
      })}
    </ActionForm>
  );
}
