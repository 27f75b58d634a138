'use client';

import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { VOLUME_FIELD, VOLUME_TYPES, type VolumeType, type WorkloadInput } from '@/lib/dialects/ecns/workloads';
import type { NamespaceRefs } from '@/lib/client/use-workload-editor';
import { Button } from '@/components/ui/button';
import { useT } from '@/lib/i18n/react';
import { fieldId, grid, ItemCard, PartError, Section, SelectField, TextField, type FormPath } from './fields';

/** What a volume's own field starts as when its type is chosen. */
function emptyFieldFor(type: VolumeType): unknown {
  switch (type) {
    case 'StorageClass': return { class_name: 'standard', capacity: '1' };
    case 'PVC': return '';
    case 'LocalStorage': return '';
    case 'EmptyDir': return '';
    case 'ConfigMap': return { type: 'ConfigMap', name: '', path: '/etc/config' };
    case 'Secret': return { type: 'Secret', name: '', path: '/etc/secret' };
  }
}

function VolumeCard({ index, refs, onRemove, editing }: { index: number; refs: NamespaceRefs | undefined; onRemove?: () => void; editing: boolean }) {
  const t = useT();
  const base = `volumes.${index}`;
  const { setValue } = useFormContext<WorkloadInput>();
  const type = useWatch({ name: `${base}.type` as FormPath }) as VolumeType;
  const pick = (list: { name: string }[] | undefined) => (list ?? []).map((o) => ({ value: o.name, label: o.name }));
  return (
    <ItemCard title={`${t('wle.volumes.name')} ${index + 1}`} onRemove={onRemove} removeLabel={`${t('wle.remove')} ${base}`}>
      <div className={grid}
        onChange={(e) => {
          const target = e.target as unknown as HTMLSelectElement;
          if (target.id !== fieldId(`${base}.type`)) return;
          // Each type takes exactly its own field: the others go.
          const next = target.value as VolumeType;
          for (const f of Object.values(VOLUME_FIELD)) setValue(`${base}.${f}` as FormPath, undefined as never);
          setValue(`${base}.${VOLUME_FIELD[next]}` as FormPath, emptyFieldFor(next) as never, { shouldValidate: true });
        }}
      >
        <TextField name={`${base}.name`} label={t('wle.volumes.name')} optional={false} disabled={editing} />
        <SelectField name={`${base}.type`} label={t('wle.volumes.type')} disabled={editing} options={VOLUME_TYPES.map((v) => ({ value: v, label: v }))} />
        {type === 'PVC' ? <SelectField name={`${base}.pvc`} label={t('wle.volumes.pvc')} disabled={editing} options={pick(refs?.claims)} optional /> : null}
        {type === 'LocalStorage' ? <TextField name={`${base}.local_storage`} label={t('wle.volumes.hostPath')} disabled={editing} placeholder="/var/log" /> : null}
        {type === 'EmptyDir' ? <TextField name={`${base}.emptydir`} label={t('wle.volumes.emptydir')} hint={t('wle.volumes.emptydirHint')} disabled={editing} optional={false} /> : null}
        {type === 'StorageClass' ? (
          <>
            <TextField name={`${base}.storage_class.class_name`} label={t('wle.volumes.className')} disabled={editing} optional={false} />
            <TextField name={`${base}.storage_class.capacity`} label={t('wle.volumes.capacity')} disabled={editing} optional={false} />
          </>
        ) : null}
        {type === 'ConfigMap' || type === 'Secret' ? (
          <>
            <SelectField name={`${base}.${type === 'Secret' ? 'secret' : 'configmap'}.name`} label={t('wle.volumes.configName')} disabled={editing}
              options={pick(type === 'Secret' ? refs?.secrets : refs?.configMaps)} optional />
            <TextField name={`${base}.${type === 'Secret' ? 'secret' : 'configmap'}.path`} label={t('wle.volumes.configPath')} disabled={editing} optional={false} />
          </>
        ) : null}
      </div>
      <PartError name={base} />
    </ItemCard>
  );
}

export function VolumesSection({ refs, editing }: { refs: NamespaceRefs | undefined; editing: boolean }) {
  const t = useT();
  const { control } = useFormContext<WorkloadInput>();
  const { fields, append, remove } = useFieldArray({ control, name: 'volumes' });
  return (
    <Section id="wl-volumes" title={t('wle.volumes.title')}
      actions={editing ? null : <Button size="sm" onClick={() => append({ name: `vol-${fields.length + 1}`, type: 'EmptyDir', emptydir: '' })}>{t('wle.volumes.add')}</Button>}>
      {editing ? <p className="text-xs text-slate-500 dark:text-slate-400">{t('wle.volumes.fixed')}</p> : null}
      {fields.map((f, i) => <VolumeCard key={f.id} index={i} refs={refs} editing={editing} onRemove={editing ? undefined : () => remove(i)} />)}
    </Section>
  );
}
