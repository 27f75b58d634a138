'use client';

import { useEffect, useId, useRef } from 'react';
import { Icon } from '../icons';
import { Button } from './button';

/**
 * A modal on the native <dialog>: focus is trapped, Escape closes it, and it
 * is exposed as role "dialog" named by its title.
 */
export function Modal({
  open,
  title,
  onClose,
  closeLabel,
  children,
  wide = false,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  closeLabel: string;
  children: React.ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className={`m-auto w-[calc(100%-2rem)] ${wide ? 'max-w-2xl' : 'max-w-lg'} rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100`}
    >
      {open ? (
        <div className="flex max-h-[85vh] flex-col">
          <div className="flex items-center justify-between gap-4 border-b border-slate-200 px-5 py-3.5 dark:border-slate-800">
            <h2 id={titleId} className="text-base font-semibold">
              {title}
            </h2>
            <button
              type="button"
              onClick={onClose}
              aria-label={closeLabel}
              className="rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-700 dark:hover:bg-slate-800 dark:hover:text-slate-200"
            >
              <Icon name="close" className="size-5" />
            </button>
          </div>
          <div className="overflow-y-auto px-5 py-4">{children}</div>
        </div>
      ) : null}
    </dialog>
  );
}

/** The row of buttons at the bottom of a modal's form. */
export function ModalActions({ children }: { children: React.ReactNode }) {
  return <div className="mt-5 flex justify-end gap-2">{children}</div>;
}

/** Cancel and submit for a form in a modal; while it works, the submit button is disabled and says so. */
export function FormActions({
  onCancel,
  cancelLabel,
  submitLabel,
  busyLabel,
  busy,
}: {
  onCancel: () => void;
  cancelLabel: string;
  submitLabel: string;
  busyLabel: string;
  busy: boolean;
}) {
  return (
    <ModalActions>
      <Button onClick={onCancel}>{cancelLabel}</Button>
      <Button type="submit" variant="primary" disabled={busy}>
        {busy ? busyLabel : submitLabel}
      </Button>
    </ModalActions>
  );
}
