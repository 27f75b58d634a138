'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useApproveMany, useRequests, type BulkResult } from '@/lib/client/use-deploy';
import { useI18n } from '@/lib/i18n/react';
import { Button } from '@/components/ui/button';
import { Modal, ModalActions } from '@/components/ui/modal';
import { Pager } from '@/components/ui/pager';
import { QueryState, useErrorText } from '@/components/ui/query-state';
import { EmptyState, Notice } from '@/components/ui/states';
import { Table, Tbody, Td, Th } from '@/components/ui/table';
import { TypeBadge, useAge } from '@/components/deploy/status';

const PAGE_SIZE = 20;

/** Requests waiting for a decision, oldest first, with bulk approve. */
export function PendingRequests() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const age = useAge();
  const [page, setPage] = useState(1);
  const query = useRequests({ status: 'pending', page, pageSize: PAGE_SIZE });
  const approve = useApproveMany();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [results, setResults] = useState<BulkResult[] | null>(null);
  const items = query.data?.items ?? [];
  const shown = items.filter((r) => selected.has(r.seq)).map((r) => r.seq);
  const toggle = (id: number) => setSelected((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; });
  const allOn = items.length > 0 && shown.length === items.length;
  const close = () => { setConfirming(false); approve.reset(); };
  const send = () => approve.mutate({ ids: shown, comment: '' }, {
    onSuccess: (r) => { setResults(r); setSelected(new Set()); setConfirming(false); },
  });

  return (
    <QueryState query={query}>
      {results ? (
        <div className="mb-4 space-y-2">
          <Notice tone="success">{t('deployQueue.bulkDone', { ok: results.filter((r) => r.ok).length })}</Notice>
          {results.filter((r) => !r.ok).map((r) => (
            <Notice key={r.id} tone="warning">{t('deployQueue.bulkSkipped', { id: r.id, message: r.message ?? '' })}</Notice>
          ))}
        </div>
      ) : null}
      {items.length === 0 ? (
        <EmptyState icon="auditQueue" title={t('deployQueue.emptyPending')} />
      ) : (
        <>
          <div className="mb-3 flex justify-end">
            <Button variant="primary" disabled={shown.length === 0} onClick={() => { setResults(null); setConfirming(true); }}>
              {t('deployQueue.approveSelected', { n: shown.length })}
            </Button>
          </div>
          <Table label={t('deployQueue.pendingTab')}>
            <thead>
              <tr>
                <Th className="w-8">
                  <input type="checkbox" aria-label={t('deployQueue.selectAll')} className="size-4 accent-sky-700" checked={allOn}
                    onChange={() => setSelected(allOn ? new Set() : new Set(items.map((r) => r.seq)))} />
                </Th>
                <Th>#</Th>
                <Th>{t('deploy.application')}</Th>
                <Th>{t('deploy.requestType')}</Th>
                <Th>{t('deploy.version')}</Th>
                <Th>{t('deploy.project')}</Th>
                <Th>{t('deploy.requester')}</Th>
                <Th>{t('deploy.targets')}</Th>
                <Th>{t('deployments.name')}</Th>
                <Th>{t('deploy.age')}</Th>
              </tr>
            </thead>
            <Tbody>
              {items.map((r) => (
                <tr key={r.seq}>
                  <Td>
                    <input type="checkbox" aria-label={t('deployQueue.select', { id: r.seq })} className="size-4 accent-sky-700" checked={selected.has(r.seq)} onChange={() => toggle(r.seq)} />
                  </Td>
                  <Td className="whitespace-nowrap">
                    <Link href={`/audit/${r.seq}`} aria-label={t('deployQueue.open', { id: r.seq })} className="font-medium text-sky-700 hover:underline dark:text-sky-400">{r.seq}</Link>
                  </Td>
                  <Td className="whitespace-nowrap font-medium">{r.appName}</Td>
                  <Td className="whitespace-nowrap"><TypeBadge type={r.type} /></Td>
                  <Td className="font-mono text-xs whitespace-nowrap">{r.fromVersion && r.type !== 4 ? t('deploy.versionFrom', { from: r.fromVersion, to: r.version }) : r.version}</Td>
                  <Td>{r.businessName}</Td>
                  <Td>{r.requestedBy}</Td>
                  <Td className="max-w-48 truncate text-xs"><span title={r.clusters.join(', ')}>{r.clusters.join(', ')}</span></Td>
                  <Td className="font-mono text-xs">{r.deployName}</Td>
                  <Td className="whitespace-nowrap" ><time dateTime={r.createdAt} title={r.createdAt}>{age(r.createdAt)}</time></Td>
                </tr>
              ))}
            </Tbody>
          </Table>
          <Pager page={page} pageSize={PAGE_SIZE} total={query.data?.total ?? 0} totalLabel={t('deployQueue.total', { n: query.data?.total ?? 0 })} fetching={query.isFetching} onPage={setPage} />
        </>
      )}
      <Modal open={confirming} title={t('deployQueue.bulkTitle', { n: shown.length })} onClose={close} closeLabel={t('common.close')}>
        <p className="text-sm text-slate-700 dark:text-slate-300">{t('deployQueue.bulkConfirm')}</p>
        {approve.error ? <div className="mt-4"><Notice>{errorText(approve.error)}</Notice></div> : null}
        <ModalActions>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button variant="primary" onClick={send} disabled={approve.isPending}>{approve.isPending ? t('deployQueue.approving') : t('deployQueue.approve')}</Button>
        </ModalActions>
      </Modal>
    </QueryState>
  );
}
