'use client';

import { useMemo } from 'react';
import type { AppItem } from '@/lib/dialects/ote/app';
import { diffObjects, type ObjectDiff } from '@/lib/deploy/diff';
import { objectsOf } from '@/lib/deploy/objects';
import { useT } from '@/lib/i18n/react';
import { Card } from '@/components/ui/page-header';
import { Badge, Table, Tbody, Td, Th } from '@/components/ui/table';
import { shown, specChanges, specOfItem } from './format';

const ACTION_TONE = { create: 'green', delete: 'red', update: 'amber', unchanged: 'slate' } as const;

/** The objects of `a` as if they ran, against those `b` would run: what deploying b over a changes. */
function objectDiff(a: AppItem, b: AppItem, namespace: string): ObjectDiff[] {
  const target = (v: AppItem) => ({ deployName: v.appName, namespace, appName: v.appName, version: v.version });
  const before = objectsOf(specOfItem(a), target(a));
  return diffObjects(before, objectsOf(specOfItem(b), target(b)), before);
}

function ChangesTable({ label, rows, a, b }: { label: string; rows: { path: string; from?: unknown; to?: unknown }[]; a: string; b: string }) {
  const t = useT();
  return (
    <Table label={label}>
      <thead>
        <tr>
          <Th>{t('apps.diff.field')}</Th>
          <Th>{t('apps.diff.from', { v: a })}</Th>
          <Th>{t('apps.diff.to', { v: b })}</Th>
        </tr>
      </thead>
      <Tbody>
        {rows.map((c) => (
          <tr key={c.path}>
            <Td className="font-mono text-xs">{c.path}</Td>
            <Td className="font-mono text-xs break-all text-red-700 dark:text-red-300">{shown(c.from)}</Td>
            <Td className="font-mono text-xs break-all text-emerald-700 dark:text-emerald-300">{shown(c.to)}</Td>
          </tr>
        ))}
      </Tbody>
    </Table>
  );
}

/** Two versions side by side: their spec fields that differ, then the Kubernetes objects' changes. */
export function VersionDiff({ a, b, namespace }: { a: AppItem; b: AppItem; namespace: string }) {
  const t = useT();
  const spec = useMemo(() => specChanges(a, b), [a, b]);
  const charts = a.deployType === 'chart' || b.deployType === 'chart';
  const objects = useMemo(() => (charts ? [] : objectDiff(a, b, namespace)), [a, b, namespace, charts]);
  return (
    <Card title={t('apps.diff.title', { a: a.version, b: b.version })}>
      <div className="space-y-5">
        <section className="space-y-2">
          <h3 className="text-sm font-semibold text-slate-900 dark:text-slate-100">{t('apps.diff.specTitle')}</h3>
          {spec.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">{t('apps.diff.same')}</p> : <ChangesTable label={t('apps.diff.specTitle')} rows={spec} a={a.version} b={b.version} />}
        </section>
        {charts ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('apps.diff.chartNote')}</p>
        ) : (
          <section className="space-y-3">
            <h3 className="text-sm font-semibold text-slate-900 dark:text-slate-100">{t('apps.diff.objectsTitle')}</h3>
            {objects.map((o) => (
              <div key={o.key} className="space-y-2">
                <p className="flex items-center gap-2 text-sm">
                  <span className="font-mono">{o.key}</span>
                  <Badge tone={ACTION_TONE[o.action]}>{t(`apps.diff.${o.action === 'create' ? 'created' : o.action === 'delete' ? 'deleted' : o.action === 'update' ? 'updated' : 'unchanged'}`)}</Badge>
                </p>
                {o.action === 'update' ? <ChangesTable label={o.key} rows={o.changes} a={a.version} b={b.version} /> : null}
              </div>
            ))}
          </section>
        )}
      </div>
    </Card>
  );
}
