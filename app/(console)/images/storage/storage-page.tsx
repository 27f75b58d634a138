'use client';

import { useGcStatus, useImageStorage, useResyncCatalog, useStartGc } from '@/lib/client/use-images';
import { isAdminRole, useMe } from '@/lib/client/use-me';
import { formatDateTime } from '@/lib/i18n/format';
import { useI18n } from '@/lib/i18n/react';
import { humanBytes } from '@/components/images/bytes';
import { Button } from '@/components/ui/button';
import { Card, PageHeader } from '@/components/ui/page-header';
import { QueryState, useErrorText } from '@/components/ui/query-state';
import { EmptyState, Notice, Spinner } from '@/components/ui/states';
import { Badge } from '@/components/ui/table';
import { ImagesNav } from '../images-nav';

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <p className="text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">{label}</p>
      <p className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums dark:text-slate-50">{value}</p>
    </div>
  );
}

export function StoragePage() {
  const { t, locale } = useI18n();
  const errorText = useErrorText();
  const me = useMe().data;
  const admin = isAdminRole(me?.role);
  const storage = useImageStorage();
  const gc = useGcStatus();
  const start = useStartGc();
  const resync = useResyncCatalog();
  const r = resync.data?.resync;
  if (me && !admin) {
    return (
      <>
        <PageHeader title={t('images.storage.title')} />
        <ImagesNav />
        <EmptyState icon="storage" title={t('images.storage.adminOnly')} />
      </>
    );
  }
  const s = storage.data?.storage;
  const g = gc.data;
  const running = g?.job_status === 'pending';
  const usedPct = s && s.total > 0 ? Math.round(((s.total - s.free) / s.total) * 100) : 0;
  const stateLabel = (state: string) =>
    state === 'pending' ? t('images.storage.pending') : state === 'failed' ? t('images.storage.failed') : state === 'stopped' ? t('images.storage.stopped') : t('images.storage.finished');
  return (
    <>
      <PageHeader title={t('images.storage.title')} subtitle={t('images.storage.subtitle')} />
      <ImagesNav />
      <div className="grid gap-5 lg:grid-cols-2">
        <Card title={t('images.storage.title')}>
          <QueryState query={storage}>
            {s ? (
              <div className="space-y-4">
                <div className="grid grid-cols-3 gap-4">
                  <Stat label={t('images.storage.used')} value={humanBytes(s.used)} />
                  <Stat label={t('images.storage.free')} value={humanBytes(s.free)} />
                  <Stat label={t('images.storage.total')} value={humanBytes(s.total)} />
                </div>
                {/* The bar is the disk's fullness (other data shares it), not the images' share: say so. */}
                <div role="meter" aria-label={t('images.storage.diskFull', { pct: usedPct })} aria-valuemin={0} aria-valuemax={100} aria-valuenow={usedPct} className="h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800">
                  <div className="h-full rounded-full bg-sky-600 dark:bg-sky-500" style={{ width: `${usedPct}%` }} />
                </div>
                <p className="text-xs text-slate-500 dark:text-slate-400">{t('images.storage.diskFull', { pct: usedPct })}</p>
              </div>
            ) : null}
          </QueryState>
        </Card>
        <Card title={t('images.storage.gc')}>
          <QueryState query={gc}>
            <div className="space-y-4" aria-live="polite">
              {g && g.state !== 'none' ? (
                <div className="space-y-2 text-sm text-slate-700 dark:text-slate-300">
                  <p className="flex items-center gap-2">
                    <span>{t('images.storage.status')}:</span>
                    <Badge tone={running ? 'amber' : g.state === 'failed' ? 'red' : 'green'}>{stateLabel(g.state)}</Badge>
                    {running ? <Spinner className="size-3.5" /> : null}
                  </p>
                  <p>{t('images.storage.lastRun', { state: stateLabel(g.state), at: formatDateTime(g.started_at, locale) })}</p>
                  {running && g.total ? <p>{t('images.storage.progress', { phase: g.phase ?? '', done: g.done ?? 0, total: g.total })}</p> : null}
                  {!running && g.state === 'finished' ? <p>{t('images.storage.freed', { blobs: g.removed_blobs ?? 0, bytes: humanBytes(g.freed_bytes ?? 0) })}</p> : null}
                  {g.message ? <Notice>{g.message}</Notice> : null}
                </div>
              ) : (
                <p className="text-sm text-slate-600 dark:text-slate-400">{t('images.storage.never')}</p>
              )}
              {start.error ? <Notice>{errorText(start.error)}</Notice> : null}
              <Button variant="primary" disabled={running || start.isPending} onClick={() => start.mutate(undefined)}>
                {running ? t('images.storage.pending') : t('images.storage.run')}
              </Button>
            </div>
          </QueryState>
        </Card>
        {me?.role === 'system_admin' ? (
          <Card title={t('images.storage.resync')}>
            <div className="space-y-4" aria-live="polite">
              <p className="text-sm text-slate-600 dark:text-slate-400">{t('images.storage.resyncHint')}</p>
              {resync.error ? <Notice>{errorText(resync.error)}</Notice> : null}
              {r ? (
                <Notice tone="success">
                  {t('images.storage.resyncDone', {
                    tagsAdded: r.tags_added, tagsUpdated: r.tags_updated, tagsRemoved: r.tags_removed,
                    reposAdded: r.repositories_added, reposRemoved: r.repositories_removed, wsAdded: r.workspaces_added,
                  })}
                </Notice>
              ) : null}
              {r && r.skipped.length ? <p className="text-sm break-all text-slate-600 dark:text-slate-400">{t('images.storage.resyncSkipped', { names: r.skipped.join(', ') })}</p> : null}
              <Button variant="primary" disabled={resync.isPending} onClick={() => resync.mutate(undefined)}>
                {resync.isPending ? <><Spinner className="size-3.5" /> {t('images.storage.resyncRunning')}</> : t('images.storage.resyncRun')}
              </Button>
            </div>
          </Card>
        ) : null}
      </div>
    </>
  );
}
