'use client';

import Link from 'next/link';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { appKeys, type AppItem } from '@/lib/client/use-apps';
import { useT } from '@/lib/i18n/react';
import { humanBytes } from '@/components/images/bytes';
import { Button, buttonClass } from '@/components/ui/button';
import { described, Field, Input } from '@/components/ui/field';
import { Modal, ModalActions } from '@/components/ui/modal';
import { Notice } from '@/components/ui/states';

/** The server's limit on a chart package as sent (lib/catalog/chart-archive.ts enforces it). */
const CHART_MAX = 1024 * 1024;

/**
 * Sends a Helm chart package as multipart `POST /v1/app/chart` with
 * XMLHttpRequest, because fetch reports no upload progress. The refusal
 * (`chart: <reason>`) is shown as the server words it.
 */
export function ChartUploadDialog({ project, appName = '', onClose }: { project: string; appName?: string; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const [name, setName] = useState(appName);
  const [version, setVersion] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState({ done: 0, total: 0 });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [stored, setStored] = useState<AppItem | null>(null);
  const xhr = useRef<XMLHttpRequest | null>(null);
  useEffect(() => () => xhr.current?.abort(), []);

  const start = () => {
    if (!file) {
      setError(t('apps.upload.chooseFile'));
      return;
    }
    setError('');
    const form = new FormData();
    // Fields before the file: the server reads them as they stream by.
    form.append('appName', name.trim());
    form.append('version', version.trim());
    if (project) form.append('projectName', project);
    form.append('chart', file);
    const req = new XMLHttpRequest();
    xhr.current = req;
    req.open('POST', '/v1/app/chart');
    req.upload.onprogress = (e) => setSent({ done: e.loaded, total: e.lengthComputable ? e.total : file.size });
    req.onload = () => {
      setBusy(false);
      let body: { message?: string; data?: AppItem } = {};
      try {
        body = JSON.parse(req.responseText);
      } catch {
        // not JSON: the status says it
      }
      if (req.status >= 200 && req.status < 300 && body.data) {
        setStored(body.data);
        void qc.invalidateQueries({ queryKey: appKeys.all });
      } else {
        setError(t('apps.upload.refused', { reason: body.message ?? String(req.status) }));
      }
    };
    req.onerror = () => {
      setBusy(false);
      setError(t('apps.upload.refused', { reason: t('common.networkError') }));
    };
    setBusy(true);
    setStored(null);
    setSent({ done: 0, total: file.size });
    req.send(form);
  };

  const pct = sent.total > 0 ? Math.min(100, Math.round((sent.done / sent.total) * 100)) : 0;
  const close = () => { xhr.current?.abort(); onClose(); };
  return (
    <Modal open title={t('apps.upload.title')} onClose={close} closeLabel={t('common.close')}>
      <form className="space-y-4" onSubmit={(e) => { e.preventDefault(); start(); }}>
        {error ? <Notice>{error}</Notice> : null}
        {stored ? (
          <Notice tone="success">
            {t('apps.upload.done', { name: stored.appName, version: stored.version, chart: stored.chart?.name ?? '', chartVersion: stored.chart?.version ?? '' })}
          </Notice>
        ) : null}
        <Field id="chart-app-name" label={t('apps.upload.appName')} hint={t('apps.form.appNameHint')}>
          <Input {...described('chart-app-name', undefined, true)} value={name} disabled={busy} onChange={(e) => setName(e.target.value)} autoComplete="off" />
        </Field>
        <Field id="chart-version" label={t('apps.upload.version')} hint={t('apps.form.versionHint')}>
          <Input {...described('chart-version', undefined, true)} value={version} disabled={busy} onChange={(e) => setVersion(e.target.value)} autoComplete="off" />
        </Field>
        <Field id="chart-file" label={t('apps.upload.file')} hint={t('apps.upload.fileHint')}>
          <input
            {...described('chart-file', undefined, true)}
            type="file"
            accept=".tgz,.tar.gz,application/gzip"
            disabled={busy}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-200 dark:text-slate-300 dark:file:bg-slate-800 dark:file:text-slate-100"
          />
        </Field>
        {sent.total > 0 ? (
          <div className="space-y-1">
            <div className="flex justify-between text-xs text-slate-600 dark:text-slate-400">
              <span>{t('apps.upload.sending')}</span>
              <span className="tabular-nums">{humanBytes(sent.done)} / {humanBytes(sent.total)} · {pct}%</span>
            </div>
            <div role="progressbar" aria-label={t('apps.upload.sending')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800">
              <div className="h-full rounded-full bg-sky-600 transition-[width] dark:bg-sky-500" style={{ width: `${pct}%` }} />
            </div>
          </div>
        ) : null}
        {file && file.size > CHART_MAX ? <Notice tone="warning">{`${humanBytes(file.size)} > ${humanBytes(CHART_MAX)}`}</Notice> : null}
        <ModalActions>
          <Button onClick={close}>{stored ? t('common.close') : t('common.cancel')}</Button>
          {stored ? (
            <Link className={buttonClass('primary')} href={`/apps/${encodeURIComponent(stored.appName)}/${encodeURIComponent(stored.version)}`}>{t('apps.upload.open')}</Link>
          ) : (
            <Button type="submit" variant="primary" disabled={busy}>{busy ? t('apps.upload.uploading') : t('apps.upload.start')}</Button>
          )}
        </ModalActions>
      </form>
    </Modal>
  );
}
