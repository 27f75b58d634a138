'use client';

import { useI18n, useT } from '@/lib/i18n/react';
import { translateFieldMessage } from '@/lib/i18n/validation';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/page-header';
import { Notice } from '@/components/ui/states';

/** The frame of one PATCH action's form: its fields, problems no field shows, and Apply. */
export function ActionForm({
  title, pending, applied, problems, onSubmit, children,
}: {
  title: string;
  pending: boolean;
  applied: boolean;
  problems: string[];
  onSubmit: () => void;
  children: React.ReactNode;
}) {
  const t = useT();
  const { locale } = useI18n();
  // A problem no input shows is `path: message`; the path stays as the API names it.
  const say = (p: string) => {
    if (p === 'network') return t('common.networkError');
    const i = p.indexOf(': ');
    return i < 0 ? translateFieldMessage(p, locale) : `${p.slice(0, i)}: ${translateFieldMessage(p.slice(i + 2), locale)}`;
  };
  return (
    <Card title={title} className="max-w-3xl">
      <form
        noValidate
        aria-label={title}
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
        className="space-y-4"
      >
        {children}
        {problems.length ? (
          <Notice>
            <ul className="space-y-0.5">{problems.map((p) => <li key={p}>{say(p)}</li>)}</ul>
          </Notice>
        ) : null}
        {applied ? <Notice tone="success">{t('workloads.forms.applied')}</Notice> : null}
        <div className="flex justify-end">
          <Button type="submit" variant="primary" disabled={pending}>{pending ? t('workloads.forms.applying') : t('workloads.forms.apply')}</Button>
        </div>
      </form>
    </Card>
  );
}

/** A number input's value as the API wants it: a number, or absent when empty. */
export function numberOrUndefined(v: string): number | undefined {
  return v.trim() === '' ? undefined : Number(v);
}
