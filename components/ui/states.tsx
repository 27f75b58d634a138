import { Icon, type IconName } from '../icons';

export function Spinner({ className = 'size-4' }: { className?: string }) {
  return <span className={`inline-block animate-spin rounded-full border-2 border-current border-r-transparent ${className}`} aria-hidden="true" />;
}

export function LoadingState({ label }: { label: string }) {
  return (
    <div role="status" className="flex items-center justify-center gap-3 py-16 text-sm text-slate-500 dark:text-slate-400">
      <Spinner />
      {label}
    </div>
  );
}

export function ErrorState({ title, message, retry }: { title: string; message: string; retry?: { label: string; onClick: () => void } }) {
  return (
    <div role="alert" className="flex items-start gap-3 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-200">
      <Icon name="alert" className="mt-0.5 size-5 shrink-0" />
      <div className="min-w-0 flex-1">
        <p className="font-medium">{title}</p>
        <p className="mt-0.5 break-words">{message}</p>
      </div>
      {retry ? (
        <button type="button" onClick={retry.onClick} className="shrink-0 font-medium underline underline-offset-2">
          {retry.label}
        </button>
      ) : null}
    </div>
  );
}

/** An inline message under a form or above a table. */
export function Notice({ tone = 'error', children }: { tone?: 'error' | 'success' | 'warning'; children: React.ReactNode }) {
  const tones = {
    error: 'border-red-200 bg-red-50 text-red-800 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-200',
    success: 'border-emerald-200 bg-emerald-50 text-emerald-800 dark:border-emerald-900/60 dark:bg-emerald-950/40 dark:text-emerald-200',
    warning: 'border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200',
  };
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={`rounded-md border px-3 py-2 text-sm ${tones[tone]}`}>
      {children}
    </div>
  );
}

export function EmptyState({ icon, title, children }: { icon: IconName; title: string; children?: React.ReactNode }) {
  return (
    <div className="flex flex-col items-center justify-center rounded-xl border border-dashed border-slate-300 bg-white px-6 py-16 text-center dark:border-slate-700 dark:bg-slate-900/40">
      <div className="flex size-12 items-center justify-center rounded-full bg-sky-50 text-sky-700 dark:bg-sky-950/60 dark:text-sky-300">
        <Icon name={icon} className="size-6" />
      </div>
      <h2 className="mt-4 text-base font-semibold text-slate-900 dark:text-slate-100">{title}</h2>
      {children ? <p className="mt-1.5 max-w-md text-sm text-slate-600 dark:text-slate-400">{children}</p> : null}
    </div>
  );
}
