'use client';

import { useState } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { CONTAINER_TYPES, PULL_POLICIES, type WorkloadInput } from '@/lib/dialects/ecns/workloads';
import type { NamespaceRefs } from '@/lib/client/use-workload-editor';
import { ImagePicker } from '@/components/images/image-picker';
import { Button } from '@/components/ui/button';
import { useT } from '@/lib/i18n/react';
import { HealthList, HooksFields, MountList, SecurityFields } from './container-parts';
import { EnvList } from './env-list';
import { grid, ItemCard, LinesField, NumberField, PartError, SelectField, TextField, type FormPath } from './fields';

/** `team/web:1.2` → the seed's image fields; the workspace is the first part (`library` when there is none). */
export function imageFieldsOf(ref: string): { image: string; image_version: string; harbor_project_name: string } {
  const at = ref.lastIndexOf(':');
  const image = ref.slice(0, at);
  return { image, image_version: ref.slice(at + 1), harbor_project_name: image.includes('/') ? image.slice(0, image.indexOf('/')) : 'library' };
}

function ImageFields({ base }: { base: string }) {
  const t = useT();
  const [picking, setPicking] = useState(false);
  const { setValue } = useFormContext<WorkloadInput>();
  const image = useWatch({ name: `${base}.image.image` as FormPath }) as string | undefined;
  const version = useWatch({ name: `${base}.image.image_version` as FormPath }) as string | undefined;
  const opts = { shouldValidate: true, shouldDirty: true };
  return (
    <fieldset className="space-y-3">
      <div className="flex items-center justify-between gap-2">
        <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">{t('wle.containers.image')}</legend>
        <Button size="sm" variant="ghost" onClick={() => setPicking(!picking)} aria-expanded={picking}>
          {picking ? t('wle.containers.typeIt') : t('wle.containers.pickFromCatalog')}
        </Button>
      </div>
      {picking ? (
        <ImagePicker id={`${base.replace(/\./g, '-')}-picker`} value={image && version ? `${image}:${version}` : ''} onChange={(ref) => {
          const f = imageFieldsOf(ref);
          setValue(`${base}.image.image` as FormPath, f.image as never, opts);
          setValue(`${base}.image.image_version` as FormPath, f.image_version as never, opts);
          setValue(`${base}.image.harbor_project_name` as FormPath, f.harbor_project_name as never, opts);
          setValue(`${base}.image_source` as FormPath, 'ecns' as never, opts);
          setPicking(false);
        }} />
      ) : null}
      <div className={grid}>
        <TextField name={`${base}.image.image`} label={t('wle.containers.imageAddr')} optional={false} placeholder="nginx" className="sm:col-span-2" />
        <TextField name={`${base}.image.image_version`} label={t('wle.containers.version')} optional={false} placeholder="alpine" />
        <SelectField name={`${base}.image.image_pull_policy`} label={t('wle.containers.pullPolicy')} optional emptyLabel={t('wle.containers.pullDefault')} options={PULL_POLICIES.map((p) => ({ value: p, label: p }))} />
      </div>
      <PartError name={`${base}.image`} />
    </fieldset>
  );
}

export function ContainerCard({ index, refs, onRemove }: { index: number; refs: NamespaceRefs | undefined; onRemove?: () => void }) {
  const t = useT();
  const base = `containers.${index}`;
  const type = useWatch({ name: `${base}.type` as FormPath }) as string;
  return (
    <ItemCard title={t('wle.containers.container', { n: index + 1 })} onRemove={onRemove} removeLabel={`${t('wle.remove')} ${t('wle.containers.container', { n: index + 1 })}`}>
      <div className={grid}>
        <TextField name={`${base}.name`} label={t('wle.containers.name')} optional={false} placeholder="web" />
        <SelectField name={`${base}.type`} label={t('wle.containers.type')} options={CONTAINER_TYPES.map((v) => ({ value: v, label: t(`wle.containers.${v}`) }))} />
      </div>
      <ImageFields base={base} />
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">{t('wle.containers.resources')}</legend>
        <div className={grid}>
          <NumberField name={`${base}.resources.requests.cpu`} label={t('wle.containers.cpuReq')} step="0.001" />
          <NumberField name={`${base}.resources.limits.cpu`} label={t('wle.containers.cpuLim')} step="0.001" />
          <NumberField name={`${base}.resources.requests.memory`} label={t('wle.containers.memReq')} />
          <NumberField name={`${base}.resources.limits.memory`} label={t('wle.containers.memLim')} />
        </div>
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        <LinesField name={`${base}.commands.cmd`} label={t('wle.containers.command')} hint={t('wle.containers.commandHint')} />
        <LinesField name={`${base}.commands.args`} label={t('wle.containers.args')} hint={t('wle.containers.argsHint')} />
      </div>
      <p className="text-xs text-slate-500 dark:text-slate-400">{t('wle.containers.ports')}</p>
      <EnvList base={base} refs={refs} />
      <MountList base={base} />
      {type !== 'init' ? <HealthList base={base} /> : null}
      <SecurityFields base={base} />
      <HooksFields base={base} />
      <PartError name={base} />
    </ItemCard>
  );
}
