'use client';

import { Controller, useFormContext } from 'react-hook-form';
import { splitHostnames, splitValues, type SchedulerStrategy, type WorkloadInput } from '@/lib/dialects/ecns/workloads';
import { described, Field, Textarea } from '@/components/ui/field';
import { useT } from '@/lib/i18n/react';
import { CheckField, fieldId, grid, PartError, Section, SelectField, useFieldError } from './fields';

/** The node selector as key=value lines; the other scheduling types stay as they are (shown in YAML). */
function NodeSelectorField() {
  const t = useT();
  const { control } = useFormContext<WorkloadInput>();
  const id = fieldId('scheduler_strategy');
  const error = useFieldError('scheduler_strategy');
  return (
    <Controller control={control} name="scheduler_strategy" render={({ field }) => {
      const all = (field.value as SchedulerStrategy[] | undefined) ?? [];
      const selector = all.find((s) => s.type === 'nodeSelector');
      const others = all.filter((s) => s.type !== 'nodeSelector');
      const text = (selector?.node_selector?.required ?? []).flatMap((term) => term.expression.map((e) => `${e.key}=${splitValues(e.values)[0] ?? ''}`)).join('\n');
      return (
        <div className="space-y-2">
          <Field id={id} label={t('wle.scheduling.nodeSelector')} hint={t('wle.scheduling.nodeSelectorHint')} error={error}>
            <Textarea {...described(id, error, true)} rows={2} className="font-mono" defaultValue={text} key={text}
              onBlur={(e) => {
                const expression = e.target.value.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
                  const i = l.indexOf('=');
                  return { key: (i < 0 ? l : l.slice(0, i)).trim(), operator: 'In' as const, values: i < 0 ? '' : l.slice(i + 1).trim() };
                });
                const next: SchedulerStrategy[] = expression.length ? [{ type: 'nodeSelector', node_selector: { required: [{ expression }] } }, ...others] : others;
                field.onChange(next.length ? next : undefined);
                field.onBlur();
              }} />
          </Field>
          {others.length ? <p className="text-xs text-slate-500 dark:text-slate-400">{t('wle.scheduling.other')}</p> : null}
        </div>
      );
    }} />
  );
}

export function SchedulingSection() {
  const t = useT();
  return (
    <Section id="wl-scheduling" title={t('wle.scheduling.title')}>
      <NodeSelectorField />
      <PartError name="scheduler_strategy.0" />
    </Section>
  );
}

/** Host aliases as lines "IP name name…". */
function AliasesField() {
  const t = useT();
  const { control } = useFormContext<WorkloadInput>();
  const id = fieldId('network.host_aliases');
  const error = useFieldError('network.host_aliases');
  return (
    <Controller control={control} name="network.host_aliases" render={({ field }) => {
      const text = ((field.value as { ip: string; hostnames: string | string[] }[] | undefined) ?? []).map((a) => `${a.ip} ${splitHostnames(a.hostnames).join(' ')}`).join('\n');
      return (
        <Field id={id} label={t('wle.network.aliases')} hint={t('wle.network.aliasesHint')} error={error}>
          <Textarea {...described(id, error, true)} rows={2} className="font-mono" defaultValue={text} key={text}
            onBlur={(e) => {
              const aliases = e.target.value.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
                const [ip, ...names] = l.split(/\s+/);
                return { ip, hostnames: names.join(',') };
              });
              field.onChange(aliases.length ? aliases : undefined);
              field.onBlur();
            }} />
        </Field>
      );
    }} />
  );
}

export function NetworkSection() {
  const t = useT();
  return (
    <Section id="wl-network" title={t('wle.network.title')}>
      <div className={grid}>
        <div className="sm:mt-7"><CheckField name="network.host_network" label={t('wle.network.hostNetwork')} /></div>
        <SelectField name="network.dns_policy" label={t('wle.network.dnsPolicy')} optional options={[{ value: 'ClusterFirst', label: 'ClusterFirst' }, { value: 'ClusterFirstWithHostNet', label: 'ClusterFirstWithHostNet' }]} />
      </div>
      <AliasesField />
      <PartError name="network" />
    </Section>
  );
}
