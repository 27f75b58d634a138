'use client';

import { translateFieldMessage } from '@/lib/i18n/validation';
import { useI18n } from '@/lib/i18n/react';

const control =
  'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-sky-600 focus:outline-none focus:ring-2 focus:ring-sky-600/25 disabled:bg-slate-100 disabled:text-slate-500 aria-[invalid=true]:border-red-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-500 dark:disabled:bg-slate-800';

/** A labelled form control; `id` ties the <label> to the input for screen readers and getByLabel. */
export function Field({
  id,
  label,
  hint,
  error,
  className = '',
  children,
}: {
  id: string;
  label: React.ReactNode;
  hint?: React.ReactNode;
  error?: string;
  className?: string;
  children: React.ReactNode;
}) {
  const { locale } = useI18n();
  const message = translateFieldMessage(error, locale);
  return (
    <div className={`space-y-1.5 ${className}`}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
        {label}
      </label>
      {children}
      {message ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-600 dark:text-red-400">
          {message}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** aria wiring for a control inside <Field>. */
export function described(id: string, error?: string, hasHint = false) {
  return { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-error` : hasHint ? `${id}-hint` : undefined } as const;
}

export function Input({ className = '', ...rest }: React.ComponentProps<'input'>) {
  return <input className={`${control} ${className}`} {...rest} />;
}

export function Select({ className = '', ...rest }: React.ComponentProps<'select'>) {
  return <select className={`${control} pr-8 ${className}`} {...rest} />;
}

export function Textarea({ className = '', ...rest }: React.ComponentProps<'textarea'>) {
  return <textarea className={`${control} min-h-20 ${className}`} {...rest} />;
}

export function Checkbox({ label, id, ...rest }: React.ComponentProps<'input'> & { id: string; label: React.ReactNode }) {
  return (
    <div className="flex items-center gap-2">
      <input
        type="checkbox"
        id={id}
        className="size-4 rounded border-slate-300 text-sky-700 accent-sky-700 focus:ring-sky-600 dark:border-slate-600"
        {...rest}
      />
      <label htmlFor={id} className="text-sm text-slate-700 dark:text-slate-300">
        {label}
      </label>
    </div>
  );
}
