'use client';

import { useState } from 'react';
import { usePatchWorkload, useRevisionYaml, type RevisionView, type WorkloadRef } from '@/lib/client/use-workloads';
import type { NamespaceChoice } from '@/lib/client/use-workloads-namespace';
import { formatDateTime } from '@/lib/i18n/format';
import { useI18n } from '@/lib/i18n/react';
import { Button } from '@/components/ui/button';
import { Field, Select } from '@/components/ui/field';
import { Modal, ModalActions } from '@/components/ui/modal';
import { QueryState, useErrorText } from '@/components/ui/query-state';
import { Notice } from '@/components/ui/states';
import { Badge, Table, Tbody, Td, Th } from '@/components/ui/table';
import { DiffView } from './diff-view';

/** Revisions oldest first (as the API lists them); the newest is the one running. */
export function RevisionsTab({ ns, workload, revisions }: { ns: NamespaceChoice | null; workload: WorkloadRef; revisions: RevisionView[] }) {
  const { t, locale } = useI18n();
  const errorText = useErrorText();
  const current = revisions[revisions.length - 1]?.version ?? null;
  // Until the reader picks, compare the two newest revisions, following new ones as they appear.
  const [picked, setPicked] = useState<{ from?: number; to?: number }>({});
  const from = picked.from ?? (revisions.length > 1 ? revisions[revisions.length - 2].version : current);
  const to = picked.to ?? current;
  const setFrom = (v: number) => setPicked((p) => ({ ...p, from: v }));
  const setTo = (v: number) => setPicked((p) => ({ ...p, to: v }));
  const [target, setTarget] = useState<number | null>(null);
  const [rolledBack, setRolledBack] = useState<number | null>(null);
  const rollback = usePatchWorkload(workload, 'rollback');
  const a = useRevisionYaml(ns, workload, from);
  const b = useRevisionYaml(ns, workload, to);
  const known = (v: number | null) => v !== null && revisions.some((r) => r.version === v);

  const close = () => {
    setTarget(null);
    rollback.reset();
  };
  return (
    <div className="space-y-6">
      {rolledBack !== null ? <Notice tone="success">{t('workloads.revisions.rolledBack', { version: rolledBack })}</Notice> : null}
      <Table label={t('workloads.page.revisions')}>
        <thead>
          <tr>
            <Th>{t('workloads.revisions.version')}</Th>
            <Th>{t('workloads.images')}</Th>
            <Th>{t('workloads.revisions.created')}</Th>
            <Th className="text-right">{t('common.actions')}</Th>
          </tr>
        </thead>
        <Tbody>
          {[...revisions].reverse().map((r) => (
            <tr key={r.version}>
              <Td className="font-medium tabular-nums whitespace-nowrap">
                {r.version} {r.version === current ? <Badge tone="green">{t('workloads.revisions.current')}</Badge> : null}
              </Td>
              <Td className="font-mono text-xs">{r.image.map((i) => `${i.image}:${i.image_version}`).join(', ')}</Td>
              <Td className="whitespace-nowrap">{formatDateTime(r.creation_time, locale)}</Td>
              <Td className="text-right">
                {r.version !== current ? (
                  <Button size="sm" aria-label={`${t('workloads.revisions.rollback')} ${r.version}`} onClick={() => setTarget(r.version)}>
                    {t('workloads.revisions.rollback')}
                  </Button>
                ) : null}
              </Td>
            </tr>
          ))}
        </Tbody>
      </Table>

      <section>
        <h2 className="mb-1 text-sm font-semibold text-slate-900 dark:text-slate-100">{t('workloads.revisions.diff')}</h2>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{t('workloads.revisions.compareHint')}</p>
        <div className="mb-3 flex flex-wrap gap-4">
          {([['from', from, setFrom], ['to', to, setTo]] as const).map(([id, value, set]) => (
            <Field key={id} id={`revision-${id}`} label={t(`workloads.revisions.${id}`)} className="w-40">
              <Select id={`revision-${id}`} value={value ?? ''} onChange={(e) => set(Number(e.target.value))}>
                {revisions.map((r) => <option key={r.version} value={r.version}>{r.version}</option>)}
              </Select>
            </Field>
          ))}
        </div>
        {known(from) && known(to) ? (
          <QueryState query={{ isPending: a.isPending || b.isPending, error: a.error ?? b.error, refetch: () => { void a.refetch(); void b.refetch(); } }}>
            {a.data !== undefined && b.data !== undefined ? <DiffView before={a.data} after={b.data} /> : null}
          </QueryState>
        ) : null}
      </section>

      <Modal open={target !== null} title={t('workloads.revisions.rollbackTitle', { name: workload.name })} onClose={close} closeLabel={t('common.close')}>
        <p className="text-sm text-slate-700 dark:text-slate-300">{t('workloads.revisions.rollbackConfirm', { name: workload.name, version: target ?? '' })}</p>
        {rollback.error ? <div className="mt-4"><Notice>{errorText(rollback.error)}</Notice></div> : null}
        <ModalActions>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button
            variant="primary"
            disabled={rollback.isPending}
            onClick={() => target !== null && rollback.mutate({ target_version: target }, { onSuccess: () => { setRolledBack(target); close(); } })}
          >
            {rollback.isPending ? t('workloads.forms.applying') : t('workloads.revisions.rollback')}
          </Button>
        </ModalActions>
      </Modal>
    </div>
  );
}
