'use client';

import type { Workload } from '@/lib/dialects/ecns/workloads';
import type { WorkloadObject } from '@/lib/workloads/bundle';
import { Notice } from '@/components/ui/states';
import { useT } from '@/lib/i18n/react';
import { DiffView } from './diff-view';
import { editPlan } from './edit-plan';
import { changed } from './line-diff';
import { workloadYaml } from './yaml-sync';

/**
 * What applying does. Create: every object that will be made. Edit: the
 * live workload's objects against the edited ones, both translated the same
 * way (from the live object, so fields the form does not show and the
 * apiserver's defaults do not show up as changes), and the actions to run.
 */
export function ReviewTab({ next, namespace, live }: { next: Workload; namespace: string; live: { workload: Workload; object?: WorkloadObject } | null }) {
  const t = useT();
  const after = workloadYaml(next, namespace, live?.object) ?? '';
  if (!live) {
    return (
      <div className="space-y-3">
        <p className="text-sm text-slate-700 dark:text-slate-300">{t('wle.review.create', { namespace })}</p>
        <DiffView before="" after={after} label={t('wle.review.title')} />
      </div>
    );
  }
  const before = workloadYaml(live.workload, namespace, live.object) ?? '';
  const plan = editPlan(live.workload, next);
  return (
    <div className="space-y-3">
      {!changed(before, after) || plan.length === 0 ? <Notice tone="warning">{t('wle.review.noChange')}</Notice> : (
        <p className="text-sm text-slate-700 dark:text-slate-300">{t('wle.review.actions', { actions: plan.map((p) => p.action).join(', ') })}</p>
      )}
      <p className="text-sm text-slate-700 dark:text-slate-300">{t('wle.review.edit')}</p>
      <DiffView before={before} after={after} label={t('wle.review.title')} />
    </div>
  );
}
