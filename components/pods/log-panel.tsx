'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { podLogUrl, type LogOptions } from '@/lib/client/use-pod';
import { useT } from '@/lib/i18n/react';
import { Button } from '@/components/ui/button';
import { Checkbox, Input, Select } from '@/components/ui/field';
import { Notice } from '@/components/ui/states';

/** The log view keeps this many lines at most; older ones fall off the top while following. */
const MAX_LINES = 5000;

type Phase = 'idle' | 'loading' | 'following' | 'ended';

function keepTail(text: string): string {
  let cut = text.length;
  let n = 0;
  while (cut > 0 && n <= MAX_LINES) {
    cut = text.lastIndexOf('\n', cut - 1);
    if (cut < 0) return text;
    n++;
  }
  return text.slice(cut + 1);
}

async function errorMessage(res: Response): Promise<string> {
  const body = await res.json().catch(() => null) as { error?: { message?: string } } | null;
  return body?.error?.message ?? `${res.status} ${res.statusText}`;
}

/**
 * A container's log: choose the container, how many last lines, timestamps,
 * the previous run; load it once or follow it (the response stays open and
 * each chunk is appended as it arrives).
 */
export function LogPanel({ cluster, namespace, name, containers }: { cluster: string; namespace: string; name: string; containers: string[] }) {
  const t = useT();
  const [o, setO] = useState<LogOptions>({ container: containers[0] ?? '', tailLines: 200, timestamps: false, previous: false });
  const [follow, setFollow] = useState(false);
  const [text, setText] = useState('');
  const [phase, setPhase] = useState<Phase>('idle');
  const [error, setError] = useState<string | null>(null);
  const [run, setRun] = useState(0);
  const box = useRef<HTMLPreElement>(null);
  const container = containers.includes(o.container) ? o.container : containers[0] ?? '';

  useEffect(() => {
    if (!container) return;
    const abort = new AbortController();
    const url = podLogUrl(cluster, namespace, name, { ...o, container }, follow);
    void (async () => {
      setPhase('loading');
      setError(null);
      setText('');
      try {
        const res = await fetch(url, { signal: abort.signal, credentials: 'same-origin' });
        if (!res.ok) {
          setError(await errorMessage(res));
          setPhase('idle');
          return;
        }
        if (!follow || !res.body) {
          setText(keepTail(await res.text()));
          setPhase('idle');
          return;
        }
        setPhase('following');
        const reader = res.body.getReader();
        const dec = new TextDecoder();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          const chunk = dec.decode(value, { stream: true });
          setText((prev) => keepTail(prev + chunk));
        }
        setPhase('ended');
      } catch (err) {
        if (abort.signal.aborted) return;
        setError(err instanceof Error ? err.message : String(err));
        setPhase('idle');
      }
    })();
    return () => abort.abort();
  }, [cluster, namespace, name, o, container, follow, run]);

  // While following, stay at the bottom unless the reader scrolled up.
  useEffect(() => {
    const el = box.current;
    if (!el || phase !== 'following') return;
    if (el.scrollHeight - el.scrollTop - el.clientHeight < 80) el.scrollTop = el.scrollHeight;
  }, [text, phase]);

  const reload = useCallback(() => setRun((n) => n + 1), []);
  const label = 'block text-xs font-medium text-slate-600 dark:text-slate-400';

  return (
    <section className="space-y-3" aria-labelledby="pod-logs">
      <h2 id="pod-logs" className="text-base font-semibold text-slate-900 dark:text-slate-100">{t('pods.logs')}</h2>
      <div className="flex flex-wrap items-end gap-3">
        <div className="space-y-1">
          <label htmlFor="log-container" className={label}>{t('pods.container')}</label>
          <Select id="log-container" value={container} onChange={(e) => setO({ ...o, container: e.target.value })}>
            {containers.map((c) => <option key={c} value={c}>{c}</option>)}
          </Select>
        </div>
        <div className="w-28 space-y-1">
          <label htmlFor="log-tail" className={label}>{t('pods.tail')}</label>
          <Input id="log-tail" type="number" min={0} max={100000} value={o.tailLines}
            onChange={(e) => setO({ ...o, tailLines: Math.max(0, Math.min(100_000, Number(e.target.value) || 0)) })} />
        </div>
        <div className="flex h-9 items-center gap-4">
          <Checkbox id="log-timestamps" label={t('pods.timestamps')} checked={o.timestamps} onChange={(e) => setO({ ...o, timestamps: e.target.checked })} />
          <Checkbox id="log-previous" label={t('pods.previous')} checked={o.previous} onChange={(e) => setO({ ...o, previous: e.target.checked })} />
          <Checkbox id="log-follow" label={t('pods.follow')} checked={follow} onChange={(e) => setFollow(e.target.checked)} />
        </div>
        <Button onClick={reload} disabled={phase === 'loading'}>{t('pods.refresh')}</Button>
        {phase === 'following' ? <span data-testid="log-following" className="text-sm text-emerald-700 dark:text-emerald-400">{t('pods.following')}</span> : null}
        {phase === 'ended' ? <span className="text-sm text-slate-500 dark:text-slate-400">{t('pods.logEnded')}</span> : null}
      </div>
      {error ? <Notice>{error}</Notice> : null}
      <pre
        ref={box}
        data-testid="pod-log"
        aria-label={t('pods.logs')}
        tabIndex={0}
        className="h-96 overflow-auto rounded-xl border border-slate-200 bg-slate-950 p-4 font-mono text-xs leading-5 whitespace-pre-wrap text-slate-100 dark:border-slate-800"
      >
        {text || (phase === 'loading' ? t('common.loading') : error ? '' : t('pods.noLogs'))}
      </pre>
    </section>
  );
}
