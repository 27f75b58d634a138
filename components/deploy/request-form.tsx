'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { deployCreate } from '@/lib/deploy/console-wire';
import { ApiError } from '@/lib/client/api';
import { applyApiError } from '@/lib/client/form-errors';
import { useRequestDeployment, type DeployOptions } from '@/lib/client/use-deploy';
import { useI18n } from '@/lib/i18n/react';
import { Button } from '@/components/ui/button';
import { described, Field, Input, Select, Textarea } from '@/components/ui/field';
import { FormError } from '@/components/ui/query-state';
import { Notice } from '@/components/ui/states';

/** The ote body, with `cluster` chosen as all / one by name / a label selector (the API takes all three in one string). */
const formSchema = deployCreate.omit({ cluster: true, projectName: true }).extend({
  target: z.enum(['all', 'name', 'selector']),
  clusterName: z.string(),
  selector: z.string().max(1024, 'at most 1024 characters'),
});
type Values = z.input<typeof formSchema>;

export function RequestForm({ options, app, version }: { options: DeployOptions; app: string; version: string }) {
  const { t } = useI18n();
  const router = useRouter();
  const send = useRequestDeployment();
  const apps = [...new Set(options.versions.map((v) => v.appName))].sort();
  const initialApp = apps.includes(app) ? app : apps[0] ?? '';
  const { register, handleSubmit, setError, control, setValue, formState } = useForm<Values, unknown, z.output<typeof formSchema>>({
    resolver: zodResolver(formSchema),
    defaultValues: {
      deployName: initialApp, appName: initialApp,
      version: options.versions.find((v) => v.appName === initialApp && v.version === version)?.version ?? options.versions.find((v) => v.appName === initialApp)?.version ?? '',
      target: 'all', clusterName: options.clusters[0]?.name ?? '', selector: '', nodeLabel: '', comment: '',
    },
  });
  const { errors } = formState;
  const chosenApp = useWatch({ control, name: 'appName' });
  const target = useWatch({ control, name: 'target' });
  const versions = options.versions.filter((v) => v.appName === chosenApp);

  const onSubmit = handleSubmit(async (v) => {
    const cluster = v.target === 'all' ? '' : v.target === 'name' ? v.clusterName : v.selector.trim();
    if (v.target === 'selector' && !cluster) {
      setError('selector', { message: t('deployForm.selectorHint') });
      return;
    }
    try {
      const r = await send.mutateAsync({
        deployName: v.deployName, appName: v.appName, version: v.version, cluster, nodeLabel: v.nodeLabel.trim(), comment: v.comment, projectName: options.project,
      });
      router.push(`/deployments/${r.id}`);
    } catch (err) {
      // The API names `cluster` for all three ways of choosing; show it where the choice was made.
      if (err instanceof ApiError && err.fields.cluster && target !== 'all') {
        setError(target === 'selector' ? 'selector' : 'clusterName', { type: 'server', message: err.fields.cluster });
        const { cluster: _, ...rest } = err.fields;
        if (!Object.keys(rest).length) return;
        err = new ApiError(err.status, err.reason, err.message, rest);
      }
      applyApiError(err, setError, ['deployName', 'appName', 'version', 'nodeLabel', 'comment']);
    }
  });

  if (!apps.length) return <Notice tone="warning">{t('deployForm.noApps')}</Notice>;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={errors.root?.server?.message} />
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('deployForm.project')}: <span className="font-medium text-slate-900 dark:text-slate-100">{options.project}</span></p>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="deploy-app" label={t('deployForm.appName')} error={errors.appName?.message}>
          <Select {...described('deploy-app', errors.appName?.message)} {...register('appName', {
            onChange: (e) => {
              const next = options.versions.find((x) => x.appName === e.target.value);
              setValue('version', next?.version ?? '');
              setValue('deployName', e.target.value);
            },
          })}>
            {apps.map((a) => <option key={a} value={a}>{a}</option>)}
          </Select>
        </Field>
        <Field id="deploy-version" label={t('deployForm.version')} error={errors.version?.message}>
          <Select {...described('deploy-version', errors.version?.message)} {...register('version')}>
            {versions.map((v) => <option key={v.version} value={v.version}>{v.version}{v.image ? ` — ${v.image}` : ''}</option>)}
          </Select>
        </Field>
      </div>
      <Field id="deploy-name" label={t('deployForm.deployName')} hint={t('deployForm.deployNameHint')} error={errors.deployName?.message}>
        <Input {...described('deploy-name', errors.deployName?.message, true)} {...register('deployName')} autoComplete="off" />
      </Field>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">{t('deployForm.target')}</legend>
        {(['all', 'name', 'selector'] as const).map((k) => (
          <label key={k} className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
            <input type="radio" value={k} className="accent-sky-700" {...register('target')} />
            {t(k === 'all' ? 'deployForm.targetAll' : k === 'name' ? 'deployForm.targetName' : 'deployForm.targetSelector')}
          </label>
        ))}
      </fieldset>
      {target === 'name' ? (
        <Field id="deploy-cluster" label={t('deployForm.cluster')} error={errors.clusterName?.message}>
          <Select {...described('deploy-cluster', errors.clusterName?.message)} {...register('clusterName')}>
            {options.clusters.map((c) => (
              <option key={c.name} value={c.name}>{c.name}{Object.keys(c.labels).length ? ` (${Object.entries(c.labels).map(([k, v]) => `${k}=${v}`).join(', ')})` : ''}</option>
            ))}
          </Select>
        </Field>
      ) : null}
      {target === 'selector' ? (
        <Field id="deploy-selector" label={t('deployForm.selector')} hint={t('deployForm.selectorHint')} error={errors.selector?.message}>
          <Input {...described('deploy-selector', errors.selector?.message, true)} {...register('selector')} className="font-mono" />
        </Field>
      ) : null}
      <Field id="deploy-node-label" label={t('deployForm.nodeLabel')} hint={t('deployForm.nodeLabelHint')} error={errors.nodeLabel?.message}>
        <Input {...described('deploy-node-label', errors.nodeLabel?.message, true)} {...register('nodeLabel')} className="font-mono" />
      </Field>
      <Field id="deploy-comment" label={t('deployForm.comment')} hint={t('deployForm.commentHint')} error={errors.comment?.message}>
        <Textarea {...described('deploy-comment', errors.comment?.message, true)} {...register('comment')} />
      </Field>
      <div className="flex justify-end">
        <Button type="submit" variant="primary" disabled={formState.isSubmitting}>{formState.isSubmitting ? t('deployForm.submitting') : t('deployForm.submit')}</Button>
      </div>
    </form>
  );
}
