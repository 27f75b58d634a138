'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { ApiError } from '@/lib/client/api';
import { applicationDescription } from '@/lib/dialects/ecns/applications';
import { useApplication, useApplicationsAction, useEditApplication } from '@/lib/client/use-ecns-applications';
import { useWorkloadsNamespace } from '@/lib/client/use-workloads-namespace';
import { formatDateTime } from '@/lib/i18n/format';
import { useI18n } from '@/lib/i18n/react';
import { Button } from '@/components/ui/button';
import { described, Field, Textarea } from '@/components/ui/field';
import { Card, PageHeader } from '@/components/ui/page-header';
import { QueryState, useErrorText } from '@/components/ui/query-state';
import { EmptyState, Notice } from '@/components/ui/states';
import { Table, Tbody, Td, Th } from '@/components/ui/table';
import { age } from '../format';
import { workloadHref } from '../kinds';
import { NamespaceGate } from '../namespace-gate';
import { NamespacePicker } from '../namespace-picker';
import { StatusBadge } from '../status-badge';
import { AppStatusBadge } from './app-status-badge';
import { DeleteApplicationsDialog } from './delete-applications-dialog';

export function ApplicationPage({ name }: { name: string }) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const errorText = useErrorText();
  const ns = useWorkloadsNamespace();
  const app = useApplication(ns.current, name, ns.ready);
  const action = useApplicationsAction();
  const edit = useEditApplication(name);
  const [description, setDescription] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [localError, setLocalError] = useState<string | undefined>();
  const missing = app.error instanceof ApiError && app.error.status === 404;
  const a = app.data;
  const now = new Date();
  const descError = localError ?? (edit.error instanceof ApiError ? edit.error.fields.description ?? edit.error.fields['application.description'] : undefined);
  return (
    <>
      <div className="mb-2 text-sm">
        <Link href="/workloads/applications" className="text-sky-700 hover:underline dark:text-sky-400">{`← ${t('ecnsApps.back')}`}</Link>
      </div>
      <PageHeader
        title={name}
        subtitle={ns.current ? `${t('ecnsApps.title')} · ${ns.current.namespace} · ${ns.current.cluster}` : undefined}
        actions={(
          <>
            <NamespacePicker ns={ns} />
            {a ? (
              <>
                <Button disabled={action.isPending} onClick={() => action.mutate({ action: 'start', names: [name] })}>{t('workloads.start')}</Button>
                <Button disabled={action.isPending} onClick={() => action.mutate({ action: 'recreate', names: [name] })}>{t('workloads.recreate')}</Button>
                <Button variant="danger" onClick={() => setDeleting(true)}>{t('workloads.delete')}</Button>
              </>
            ) : null}
          </>
        )}
      />
      <NamespaceGate ns={ns}>
        {missing ? (
          <EmptyState icon="applications" title={t('ecnsApps.notFound', { name })} />
        ) : (
          <QueryState query={app}>
            {a ? (
              <div className="space-y-5">
                {action.error ? <Notice>{errorText(action.error)}</Notice> : null}
                <div className="grid gap-5 lg:grid-cols-2">
                  <Card title={t('ecnsApps.status')}>
                    <dl className="grid grid-cols-2 gap-4 text-sm">
                      <div><dt className="text-xs text-slate-500 uppercase dark:text-slate-400">{t('ecnsApps.status')}</dt><dd className="mt-1"><AppStatusBadge status={a.application_status.status} /></dd></div>
                      <div><dt className="text-xs text-slate-500 uppercase dark:text-slate-400">{t('ecnsApps.created')}</dt><dd className="mt-1">{formatDateTime(a.application_status.creation_time, locale)}</dd></div>
                    </dl>
                  </Card>
                  <Card title={t('ecnsApps.description')}>
                    <form
                      className="space-y-3"
                      onSubmit={(e) => {
                        e.preventDefault();
                        const checked = applicationDescription.safeParse(description ?? a.application.description);
                        setLocalError(checked.success ? undefined : checked.error.issues[0]?.message);
                        if (checked.success) edit.mutate(checked.data, { onSuccess: () => setDescription(null) });
                      }}
                    >
                      <Field id="app-description" label={t('ecnsApps.description')} error={descError}>
                        <Textarea {...described('app-description', descError)} value={description ?? a.application.description} onChange={(e) => setDescription(e.target.value)} rows={3} />
                      </Field>
                      {edit.error && !descError ? <Notice>{errorText(edit.error)}</Notice> : null}
                      {edit.isSuccess && description === null ? <Notice tone="success">{t('ecnsApps.descriptionSaved')}</Notice> : null}
                      <div className="flex justify-end"><Button type="submit" variant="primary" disabled={edit.isPending || description === null}>{t('ecnsApps.save')}</Button></div>
                    </form>
                  </Card>
                </div>
                <section>
                  <h2 className="mb-2 text-sm font-semibold text-slate-900 dark:text-slate-100">{t('ecnsApps.workloads')}</h2>
                  {a.workloads_status.length === 0 ? (
                    <EmptyState icon="workloads" title={t('ecnsApps.noWorkloads')} />
                  ) : (
                    <Table label={t('ecnsApps.workloads')}>
                      <thead>
                        <tr>
                          <Th>{t('common.name')}</Th>
                          <Th>{t('workloads.type')}</Th>
                          <Th>{t('workloads.status')}</Th>
                          <Th>{t('workloads.replicas')}</Th>
                          <Th>{t('workloads.images')}</Th>
                          <Th>{t('workloads.age')}</Th>
                        </tr>
                      </thead>
                      <Tbody>
                        {a.workloads_status.map((w) => (
                          <tr key={`${w.workload_base.type}/${w.workload_base.name}`}>
                            <Td className="font-medium"><Link href={workloadHref(w.workload_base)} className="text-sky-700 hover:underline dark:text-sky-400">{w.workload_base.name}</Link></Td>
                            <Td>{t(`workloads.kinds.${w.workload_base.type}`)}</Td>
                            <Td><StatusBadge status={w.status} /></Td>
                            <Td className="tabular-nums">{`${w.ready_replicas} / ${w.workload_base.replicas ?? w.available_replicas + w.unavailable_replicas}`}</Td>
                            <Td className="font-mono text-xs">{w.images.join(', ')}</Td>
                            <Td className="tabular-nums">{age(w.creation_time, now)}</Td>
                          </tr>
                        ))}
                      </Tbody>
                    </Table>
                  )}
                </section>
              </div>
            ) : null}
          </QueryState>
        )}
      </NamespaceGate>
      <DeleteApplicationsDialog names={deleting ? [name] : []} onClose={() => setDeleting(false)} onDeleted={() => router.push('/workloads/applications')} />
    </>
  );
}
