'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm, useWatch, type Path } from 'react-hook-form';
import { ApiError } from '@/lib/client/api';
import { useCreateAppVersion } from '@/lib/client/use-apps';
import type { AppCreate, AppCreateInput } from '@/lib/dialects/ote/app';
import { useT } from '@/lib/i18n/react';
import { ImagePicker } from '@/components/images/image-picker';
import { Button } from '@/components/ui/button';
import { Checkbox, described, Field, Select } from '@/components/ui/field';
import { FormError, useErrorText } from '@/components/ui/query-state';
import { Notice } from '@/components/ui/states';
import { FormInput, optionalNumber, optionalText, Section, useRuleText } from './form-controls';
import { DependenceSection, EnvSection, PortsSection, VolumesSection } from './form-lists';
import { appFormResolver } from './form-resolver';
import { YamlPreview } from './yaml-preview';

/** Fields whose rules involve another field: changing one re-checks the others. */
const REPLICAS = ['replicas', 'minReplicas', 'maxReplicas'] as const;

/**
 * The application form of `POST /v1/app`: every field of the seed's table,
 * checked as you type by the request's own schema, with a live preview of
 * the Kubernetes objects. `fixedName` is set for a new version of an
 * existing application.
 */
export function AppForm({ initial, project, fixedName, onCancel }: { initial: AppCreateInput; project: string; fixedName?: string; onCancel: () => void }) {
  const t = useT();
  const router = useRouter();
  const ruleText = useRuleText();
  const errorText = useErrorText();
  const create = useCreateAppVersion();
  const [picking, setPicking] = useState(!initial.image);
  const form = useForm<AppCreateInput, unknown, AppCreate>({ resolver: appFormResolver, mode: 'onChange', defaultValues: initial });
  const { register, control, setValue, setError, handleSubmit, formState } = form;
  const errors = formState.errors;
  const values = useWatch({ control });
  const deployType = values.deployType ?? 'deployment';
  const isHPA = !!values.isHPA;

  const submit = handleSubmit((v) =>
    create.mutateAsync(v).then(
      (item) => router.push(`/apps/${encodeURIComponent(item.appName)}/${encodeURIComponent(item.version)}`),
      (err: unknown) => {
        if (err instanceof ApiError && err.status === 409) {
          setError('version', { type: 'server', message: t('apps.form.conflict') }, { shouldFocus: true });
          return;
        }
        const fields = err instanceof ApiError ? Object.entries(err.fields) : [];
        for (const [field, message] of fields) setError(field as Path<AppCreateInput>, { type: 'server', message });
        if (fields.length === 0) setError('root.server', { message: errorText(err) });
      },
    ),
  );

  const cores = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) ? t('apps.form.cpuCores', { cores: n / 100 }) : '');
  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
      <form noValidate onSubmit={submit} className="space-y-5" aria-label={fixedName ? t('apps.form.titleVersion', { name: fixedName }) : t('apps.form.titleNew')}>
        <FormError message={errors.root?.server?.message} />
        {formState.submitCount > 0 && !formState.isValid && Object.keys(errors).length > 0 ? <Notice>{t('apps.form.invalidSummary')}</Notice> : null}
        <Section title={t('apps.form.sections.basics')}>
          <p className="text-xs text-slate-500 dark:text-slate-400">{t('apps.form.forProject', { project })}</p>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormInput id="app-name" label={t('apps.form.appName')} hint={t('apps.form.appNameHint')} error={errors.appName} reg={register('appName')} readOnly={!!fixedName} />
            <FormInput id="app-version" label={t('apps.form.version')} hint={t('apps.form.versionHint')} error={errors.version} reg={register('version')} />
          </div>
          <Field id="app-deploy-type" label={t('apps.form.deployType')} error={ruleText(errors.deployType)}>
            <Select {...described('app-deploy-type', errors.deployType?.message)} {...register('deployType', { deps: ['isHPA', ...REPLICAS], onChange: (e: { target: { value: string } }) => { if (e.target.value === 'daemonset') setValue('isHPA', false); } })}>
              <option value="deployment">{t('apps.form.deployment')}</option>
              <option value="daemonset">{t('apps.form.daemonset')}</option>
            </Select>
          </Field>
        </Section>

        <Section
          title={t('apps.form.sections.image')}
          aside={<Button size="sm" variant="ghost" onClick={() => setPicking((p) => !p)}>{picking ? t('apps.form.hidePicker') : t('apps.form.pickImage')}</Button>}
        >
          {picking ? <ImagePicker id="app-image-picker" value={values.image ?? ''} onChange={(ref) => setValue('image', ref, { shouldValidate: true, shouldDirty: true })} /> : null}
          <FormInput id="app-image" label={t('apps.form.image')} hint={t('apps.form.imageHint')} error={errors.image} reg={register('image')} />
          <FormInput id="app-repository" label={t('apps.form.repositoryId')} hint={t('apps.form.repositoryIdHint')} error={errors.repositoryId} reg={register('repositoryId', { setValueAs: optionalText })} />
        </Section>

        <PortsSection control={control} register={register} errors={errors} />

        <Section title={t('apps.form.sections.command')}>
          <FormInput id="app-command" label={t('apps.form.command')} hint={t('apps.form.commandHint')} error={errors.command} reg={register('command')} placeholder={'nginx -g "daemon off;"'} />
        </Section>

        <EnvSection control={control} register={register} errors={errors} />
        <VolumesSection control={control} register={register} errors={errors} />

        <Section title={t('apps.form.sections.replicas')}>
          {deployType === 'daemonset' ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">{t('apps.form.daemonsetReplicas')}</p>
          ) : (
            <>
              <div className="grid gap-4 sm:grid-cols-3">
                {REPLICAS.map((name) => (
                  <FormInput key={name} id={`app-${name}`} type="number" label={t(`apps.form.${name}`)} error={errors[name]}
                    reg={register(name, { setValueAs: optionalNumber, deps: REPLICAS.filter((n) => n !== name) })} />
                ))}
              </div>
              <p className="text-xs text-slate-500 dark:text-slate-400">{t('apps.form.replicasHint')}</p>
              <Checkbox id="app-hpa" label={t('apps.form.isHPA')} {...register('isHPA', { deps: ['minReplicas'] })} />
              {errors.isHPA ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">{ruleText(errors.isHPA)}</p> : null}
              {isHPA ? (
                <div className="grid gap-4 sm:grid-cols-2">
                  <FormInput id="app-target-cpu" type="number" label={t('apps.form.targetCPU')} hint={t('apps.form.targetHint')} error={errors.targetCPUUtilization}
                    reg={register('targetCPUUtilization', { valueAsNumber: true })} />
                  <FormInput id="app-target-mem" type="number" label={t('apps.form.targetMem')} hint={t('apps.form.targetHint')} error={errors.targetMemUtilization}
                    reg={register('targetMemUtilization', { valueAsNumber: true })} />
                </div>
              ) : null}
            </>
          )}
        </Section>

        <Section title={t('apps.form.sections.resources')}>
          <p className="text-xs text-slate-500 dark:text-slate-400">{t('apps.form.cpuHint')}</p>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormInput id="app-min-cpu" type="number" label={t('apps.form.minCPU')} hint={cores(values.minCPU)} error={errors.minCPU} reg={register('minCPU', { valueAsNumber: true, deps: ['maxCPU'] })} />
            <FormInput id="app-max-cpu" type="number" label={t('apps.form.maxCPU')} hint={cores(values.maxCPU)} error={errors.maxCPU} reg={register('maxCPU', { valueAsNumber: true, deps: ['minCPU'] })} />
            <FormInput id="app-min-mem" type="number" label={t('apps.form.minMemory')} error={errors.minMemory} reg={register('minMemory', { valueAsNumber: true, deps: ['maxMemory'] })} />
            <FormInput id="app-max-mem" type="number" label={t('apps.form.maxMemory')} error={errors.maxMemory} reg={register('maxMemory', { valueAsNumber: true, deps: ['minMemory'] })} />
          </div>
          <p className="text-xs text-slate-500 dark:text-slate-400">{t('apps.form.memoryHint')}</p>
          <FormInput id="app-gpu" className="sm:w-1/2" type="number" label={t('apps.form.gpu')} hint={t('apps.form.gpuHint')} error={errors.GPU} reg={register('GPU', { valueAsNumber: true })} />
        </Section>

        <Section title={t('apps.form.sections.rollout')}>
          <div className="grid gap-4 sm:grid-cols-3">
            <FormInput id="app-max-unavailable" type="number" label={t('apps.form.maxUnavailable')} error={errors.maxUnavailable} reg={register('maxUnavailable', { valueAsNumber: true, deps: ['maxSurge'] })} />
            <FormInput id="app-max-surge" type="number" label={t('apps.form.maxSurge')} error={errors.maxSurge} reg={register('maxSurge', { valueAsNumber: true, deps: ['maxUnavailable'] })} />
            <FormInput id="app-min-ready" type="number" label={t('apps.form.minReadySeconds')} error={errors.minReadySeconds} reg={register('minReadySeconds', { valueAsNumber: true })} />
          </div>
          <p className="text-xs text-slate-500 dark:text-slate-400">{t('apps.form.rolloutHint')} {t('apps.form.minReadyHint')}</p>
        </Section>

        <DependenceSection control={control} register={register} errors={errors} />

        <div className="flex justify-end gap-2">
          <Button onClick={onCancel}>{t('apps.form.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={formState.isSubmitting}>{formState.isSubmitting ? t('apps.form.submitting') : t('apps.form.submit')}</Button>
        </div>
      </form>
      <aside aria-label={t('apps.form.preview')} className="xl:sticky xl:top-4 xl:self-start">
        <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <h2 className="mb-2 text-sm font-semibold text-slate-900 dark:text-slate-100">{t('apps.form.preview')}</h2>
          <YamlPreview values={values} namespace={project} />
        </section>
      </aside>
    </div>
  );
}
