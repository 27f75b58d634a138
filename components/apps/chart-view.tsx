'use client';

import type { AppItem } from '@/lib/dialects/ote/app';
import { useT } from '@/lib/i18n/react';
import { Card } from '@/components/ui/page-header';
import { Notice } from '@/components/ui/states';
import { YamlBlock } from './yaml-preview';

/** A chart version: Chart.yaml's fields, values.yaml and each template, as stored. */
export function ChartView({ v }: { v: AppItem }) {
  const t = useT();
  const c = v.chart;
  if (!c) return null;
  const meta: [string, string | undefined][] = [
    ['apiVersion', c.apiVersion], ['name', c.name], ['version', c.version], ['appVersion', c.appVersion], ['description', c.description], ['type', c.type],
  ];
  return (
    <div className="space-y-6">
      <Notice tone="warning">{t('apps.detail.chartNotDeployable')}</Notice>
      <Card title={t('apps.detail.chartMeta')}>
        <dl className="grid grid-cols-[10rem_minmax(0,1fr)] gap-x-3 gap-y-2 text-sm">
          {meta.filter(([, val]) => val).map(([k, val]) => (
            <div key={k} className="contents">
              <dt className="text-slate-500 dark:text-slate-400">{k}</dt>
              <dd className="font-mono text-slate-900 dark:text-slate-100">{val}</dd>
            </div>
          ))}
          <dt className="text-slate-500 dark:text-slate-400">{t('apps.detail.files')}</dt>
          <dd className="font-mono text-xs text-slate-700 dark:text-slate-300">{c.files.join(', ')}</dd>
        </dl>
      </Card>
      <Card title={t('apps.detail.values')}>
        <YamlBlock text={v.values || '# (empty)'} label={t('apps.detail.values')} />
      </Card>
      <Card title={t('apps.detail.templates')}>
        <div className="space-y-4">
          {(v.templates ?? []).map((tpl) => (
            <section key={tpl.path} className="space-y-1">
              <h3 className="font-mono text-sm text-slate-900 dark:text-slate-100">{tpl.path}</h3>
              <YamlBlock text={tpl.content} label={tpl.path} />
            </section>
          ))}
        </div>
      </Card>
    </div>
  );
}
