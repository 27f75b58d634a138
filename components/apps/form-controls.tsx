'use client';

import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';
import { useI18n } from '@/lib/i18n/react';
import { described, Field, Input } from '@/components/ui/field';
import { ruleMessage } from './messages';

/** The error message of a field in the reader's language. */
export function useRuleText() {
  const { locale } = useI18n();
  return (e: FieldError | undefined) => ruleMessage(e?.message, locale);
}

/** A labelled input bound to react-hook-form, its rule shown as the hint and its error in place of it. */
export function FormInput({
  id,
  label,
  hint,
  error,
  reg,
  type = 'text',
  className = '',
  placeholder,
  readOnly,
}: {
  id: string;
  label: React.ReactNode;
  hint?: React.ReactNode;
  error?: FieldError;
  reg: UseFormRegisterReturn;
  type?: 'text' | 'number';
  className?: string;
  placeholder?: string;
  readOnly?: boolean;
}) {
  const text = useRuleText();
  const message = text(error);
  return (
    <Field id={id} label={label} hint={hint} error={message} className={className}>
      <Input {...described(id, message, !!hint)} {...reg} type={type} inputMode={type === 'number' ? 'numeric' : undefined} autoComplete="off" placeholder={placeholder} readOnly={readOnly} />
    </Field>
  );
}

/** A titled group of the form. */
export function Section({ title, children, aside }: { title: string; children: React.ReactNode; aside?: React.ReactNode }) {
  return (
    <fieldset className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <legend className="float-left mb-4 flex w-full items-center justify-between gap-3 text-sm font-semibold text-slate-900 dark:text-slate-100">
        <span>{title}</span>
        {aside}
      </legend>
      <div className="clear-both space-y-4">{children}</div>
    </fieldset>
  );
}

/** Number parsing for an optional box: empty means "not given", so the API's defaults apply. */
export const optionalNumber = (v: unknown) => (v === '' || v === null || v === undefined ? undefined : Number(v));
/** Text that may be left out. */
export const optionalText = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
