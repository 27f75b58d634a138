'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { FormProvider, useFieldArray, useForm, type Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { parseAllDocuments } from 'yaml';
import { workload as workloadSchema, type Workload, type WorkloadInput, type WorkloadType } from '@/lib/dialects/ecns/workloads';
import { ApiError } from '@/lib/client/api';
import { errorMessage } from '@/lib/client/form-errors';
import {
  PartialEdit, useApplyEdit, useCreateWorkload, useEditorNamespace, useLiveWorkload, useNamespaceRefs,
} from '@/lib/client/use-workload-editor';
import { useT } from '@/lib/i18n/react';
import type { YamlCheck, YamlIssue } from '@/components/yaml/yaml-editor';
import { checkYaml } from '@/components/yaml/diagnostics';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { ErrorState, LoadingState, Notice } from '@/components/ui/states';
import { AccessSection } from './access-section';
import { BasicsSection } from './basics-section';
import { ContainerCard } from './container-card';
import { editable, editPlan } from './edit-plan';
import { Section } from './fields';
import { NamespacePicker } from './namespace-picker';
import { canonical, prune } from './prune';
import { ReviewTab } from './review-tab';
import { NetworkSection, SchedulingSection } from './scheduling-network-section';
import { objectIssues, placeServerErrors } from './server-errors';
import { ScaleStrategySection, UpdateStrategySection } from './strategy-section';
import { VolumesSection } from './volumes-section';
import { workloadFromDocs, workloadYaml } from './yaml-sync';
import { YamlTab, type YamlState } from './yaml-tab';

export type EditorTarget = { mode: 'create' } | { mode: 'edit'; type: WorkloadType; name: string };
type Tab = 'form' | 'yaml' | 'review';

const NEW_WORKLOAD: WorkloadInput = {
  workload_base: { name: '', type: 'Deployment', replicas: 1 },
  containers: [{ name: 'main', type: 'worker', image: { image: '', image_version: 'latest' } }],
};

/** The zod schema the route handlers use, on the form's values without what untouched inputs leave behind. */
const zod = zodResolver(workloadSchema);
const resolver: Resolver<WorkloadInput, unknown, Workload> = (values, ctx, opts) => zod(prune(values) ?? values, ctx, opts);

const docsOf = (text: string) => parseAllDocuments(text).map((d) => (d as { toJS(): unknown }).toJS());

export function WorkloadEditor({ target }: { target: EditorTarget }) {
  const t = useT();
  const router = useRouter();
  const editing = target.mode === 'edit';
  const ns = useEditorNamespace();
  const refs = useNamespaceRefs(ns.ready ? ns.current : null);
  const live = useLiveWorkload(ns.current, editing ? target.type : 'Deployment', editing ? target.name : '', editing && ns.ready);
  const form = useForm<WorkloadInput, unknown, Workload>({ resolver, mode: 'onChange', defaultValues: NEW_WORKLOAD });
  const containers = useFieldArray({ control: form.control, name: 'containers' });
  const [tab, setTab] = useState<Tab>('form');
  const [yamlText, setYamlText] = useState<string | null>(null);
  const [yamlState, setYamlState] = useState<YamlState>({ kind: 'ok' });
  const [serverIssues, setServerIssues] = useState<YamlIssue[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [reviewed, setReviewed] = useState<Workload | null>(null);
  const create = useCreateWorkload();
  const apply = useApplyEdit(editing ? target.type : 'Deployment', editing ? target.name : '');
  const namespace = ns.current?.namespace ?? '';
  const liveWorkload = useMemo(() => (live.data ? editable(live.data.workload) : null), [live.data]);
  const liveObject = live.data?.object;

  // The live workload fills the form once; later refetches (after an apply) refill it.
  const loadedFrom = useRef<unknown>(null);
  useEffect(() => {
    if (liveWorkload && loadedFrom.current !== liveWorkload) {
      loadedFrom.current = liveWorkload;
      form.reset(liveWorkload as WorkloadInput);
    }
  }, [liveWorkload, form]);

  const current = useCallback(() => prune(form.getValues()) as Workload, [form]);

  const onYamlCheck = useCallback((r: YamlCheck) => {
    if (!r.docs) return setYamlState({ kind: 'parse' });
    const back = workloadFromDocs(r.docs, namespace, liveObject);
    if (!back.ok) return setYamlState({ kind: 'unrepresented', reasons: back.reasons });
    setYamlState({ kind: 'ok' });
    if (canonical(back.workload) !== canonical(current())) {
      form.reset(back.workload as WorkloadInput, { keepDefaultValues: true });
      void form.trigger();
    }
  }, [namespace, form, current, liveObject]);

  /** Leaving the YAML tab takes its text at once: the editor's lint (which follows typing) runs only after a pause. */
  const takeYaml = () => {
    if (tab === 'yaml' && yamlText !== null) {
      const r = checkYaml(yamlText);
      if (r.docs) onYamlCheck(r);
    }
  };

  const show = (next: Tab) => {
    setProblem(null);
    takeYaml();
    // Entering the YAML tab shows what the form makes now, unless the YAML there could not go into the form (kept as typed).
    if (next === 'yaml' && yamlState.kind === 'ok') setYamlText(workloadYaml(current(), namespace, liveObject));
    if (next !== 'yaml' && yamlState.kind !== 'ok') setYamlState({ kind: 'ok' });
    setTab(next);
  };


  const review = async () => {
    setProblem(null);
    takeYaml();
    const ok = await form.trigger(undefined, { shouldFocus: true });
    if (!ok) {
      setTab('form');
      setProblem(t('wle.review.invalid'));
      return;
    }
    setReviewed(workloadSchema.parse(current()));
    setTab('review');
  };

  const onServerError = (err: unknown, w: Workload) => {
    const fields = err instanceof PartialEdit ? (err.cause instanceof ApiError ? err.cause.fields : {}) : err instanceof ApiError ? err.fields : {};
    const placed = placeServerErrors(fields);
    for (const [path, message] of Object.entries(placed.fields)) form.setError(path as never, { type: 'server', message });
    const text = workloadYaml(w, namespace, liveObject);
    setServerIssues(text ? objectIssues(placed.objects, docsOf(text)) : []);
    const message = err instanceof PartialEdit
      ? t('wle.apply.partial', { done: err.done.join(', ') || '—', failed: err.failed, message: errorMessage(err.cause) })
      : errorMessage(err);
    setProblem([message, ...placed.rest].join(' · '));
    if (Object.keys(placed.fields).length) setTab('form');
    else if (placed.objects.length) {
      setYamlText(text);
      setTab('yaml');
    }
  };

  const doApply = () => {
    if (!reviewed) return;
    const kindPath = (w: Workload) => `/workloads/${w.workload_base.type.toLowerCase()}/${encodeURIComponent(w.workload_base.name)}`;
    if (!editing) {
      create.mutate(reviewed, { onSuccess: () => router.push(kindPath(reviewed)), onError: (e) => onServerError(e, reviewed) });
    } else if (liveWorkload) {
      apply.mutate(editPlan(liveWorkload, reviewed), { onSuccess: () => router.push(kindPath(reviewed)), onError: (e) => onServerError(e, reviewed) });
    }
  };

  const title = editing ? t('wle.titleEdit', { kind: target.type, name: target.name }) : t('wle.titleNew');
  const header = <PageHeader title={title} subtitle={editing ? t('wle.subtitleEdit') : t('wle.subtitleNew')} actions={<NamespacePicker ns={ns} disabled={editing} />} />;
  if (ns.isLoading || (editing && live.isPending && ns.ready)) return <>{header}<LoadingState label={title} /></>;
  if (ns.none) return <>{header}<Notice tone="warning">{t('wle.noNamespace')}</Notice></>;
  if (ns.error) return <>{header}<ErrorState title={t('wle.loadFailed')} message={errorMessage(ns.error)} /></>;
  if (editing && live.error) return <>{header}<ErrorState title={t('wle.loadFailed')} message={errorMessage(live.error)} /></>;

  const busy = create.isPending || apply.isPending;
  const tabs: Tab[] = ['form', 'yaml', 'review'];
  return (
    <FormProvider {...form}>
      {header}
      <div role="tablist" aria-label={t('wle.tabs.label')} className="mb-4 flex gap-1 border-b border-slate-200 dark:border-slate-800">
        {tabs.map((k) => (
          <button key={k} type="button" role="tab" id={`wl-tab-${k}`} aria-selected={tab === k} aria-controls={`wl-panel-${k}`}
            onClick={() => (k === 'review' ? void review() : show(k))}
            className={`-mb-px border-b-2 px-4 py-2 text-sm font-medium ${tab === k ? 'border-sky-600 text-sky-700 dark:text-sky-300' : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100'}`}>
            {t(`wle.tabs.${k}`)}
          </button>
        ))}
      </div>
      {problem ? <div className="mb-4"><Notice>{problem}</Notice></div> : null}
      <form noValidate onSubmit={(e) => { e.preventDefault(); void review(); }}>
        <div role="tabpanel" id="wl-panel-form" aria-labelledby="wl-tab-form" hidden={tab !== 'form'} className="space-y-4">
          <BasicsSection editing={editing} />
          <Section id="wl-containers" title={t('wle.containers.title')}
            actions={<Button size="sm" onClick={() => containers.append({ name: `c${containers.fields.length + 1}`, type: 'worker', image: { image: '', image_version: 'latest' } })}>{t('wle.containers.add')}</Button>}>
            {containers.fields.map((f, i) => (
              <ContainerCard key={f.id} index={i} refs={refs.data} onRemove={containers.fields.length > 1 ? () => containers.remove(i) : undefined} />
            ))}
          </Section>
          <VolumesSection refs={refs.data} editing={editing} />
          <AccessSection />
          <UpdateStrategySection />
          <ScaleStrategySection />
          <SchedulingSection />
          <NetworkSection />
        </div>
        <div role="tabpanel" id="wl-panel-yaml" aria-labelledby="wl-tab-yaml" hidden={tab !== 'yaml'}>
          {tab === 'yaml' ? (
            <YamlTab text={yamlText} namespace={namespace} live={liveObject} state={yamlState} serverIssues={serverIssues} onText={setYamlText} onCheck={onYamlCheck} />
          ) : null}
        </div>
        <div role="tabpanel" id="wl-panel-review" aria-labelledby="wl-tab-review" hidden={tab !== 'review'}>
          {tab === 'review' && reviewed ? (
            <ReviewTab next={reviewed} namespace={namespace} live={editing && liveWorkload ? { workload: liveWorkload, object: liveObject } : null} />
          ) : null}
        </div>
        <div className="sticky bottom-0 mt-6 flex justify-end gap-2 border-t border-slate-200 bg-slate-50/95 py-3 dark:border-slate-800 dark:bg-slate-950/95">
          <Button onClick={() => router.back()}>{t('wle.apply.cancel')}</Button>
          {tab === 'review' ? (
            <Button variant="primary" onClick={doApply} disabled={busy || (editing && !!liveWorkload && !!reviewed && editPlan(liveWorkload, reviewed).length === 0)}>
              {busy ? t('wle.apply.applying') : editing ? t('wle.apply.apply') : t('wle.apply.create')}
            </Button>
          ) : (
            <Button variant="primary" type="submit">{t('wle.apply.review')}</Button>
          )}
        </div>
      </form>
    </FormProvider>
  );
}
