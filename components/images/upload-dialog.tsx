'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { refreshAfterChange } from '@/lib/client/refresh';
import { imageKeys } from '@/lib/client/use-images';
import { ECNS_IMAGES } from '@/lib/client/use-images-api';
import { useT } from '@/lib/i18n/react';
import { Button } from '@/components/ui/button';
import { described, Field, Input } from '@/components/ui/field';
import { Modal, ModalActions } from '@/components/ui/modal';
import { Notice } from '@/components/ui/states';
import { humanBytes } from './bytes';

/** 2 GiB, the server's default PIER_UPLOAD_MAX_BYTES; the server enforces the real limit. */
const SHOWN_MAX = 2 * 1024 ** 3;

type Phase = 'idle' | 'sending' | 'verify' | 'push' | 'done' | 'failed';

interface Job {
  state: string;
  phase: string;
  done_bytes: number;
  total_bytes: number;
  message: string;
}

/** `complete`: the step has ended, whatever bytes were last polled (a small upload may finish between two polls). */
function Progress({ label, done, total, complete = false }: { label: string; done: number; total: number; complete?: boolean }) {
  const pct = complete ? 100 : total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  const text = complete ? `${total > 0 ? `${humanBytes(total)} · ` : ''}100%` : total > 0 ? `${humanBytes(done)} / ${humanBytes(total)} · ${pct}%` : '';
  return (
    <div className="space-y-1">
      <div className="flex justify-between text-xs text-slate-600 dark:text-slate-400">
        <span>{label}</span>
        <span className="tabular-nums">{text}</span>
      </div>
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800">
        <div className="h-full rounded-full bg-sky-600 transition-[width] dark:bg-sky-500" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

/**
 * Sends an archive with XMLHttpRequest (fetch reports no upload progress),
 * then polls the server's job for the verify and push phases while the
 * request is still being answered.
 */
export function UploadDialog({ workspace, onClose }: { workspace: string; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [imageName, setImageName] = useState('');
  const [tagName, setTagName] = useState('');
  const [phase, setPhase] = useState<Phase>('idle');
  const [sent, setSent] = useState({ done: 0, total: 0 });
  const [job, setJob] = useState<Job | null>(null);
  const [result, setResult] = useState('');
  const [error, setError] = useState('');
  const xhr = useRef<XMLHttpRequest | null>(null);
  const poll = useRef<ReturnType<typeof setInterval> | null>(null);

  const stopPolling = () => {
    if (poll.current) clearInterval(poll.current);
    poll.current = null;
  };
  useEffect(() => () => { stopPolling(); xhr.current?.abort(); }, []);

  const start = () => {
    if (!file) {
      setError(t('images.upload.chooseFile'));
      return;
    }
    setError('');
    const id = crypto.randomUUID();
    const form = new FormData();
    form.append('harbor_project_name', workspace);
    if (imageName.trim()) form.append('image_name', imageName.trim());
    if (tagName.trim()) form.append('tag_name', tagName.trim());
    form.append('upload_id', id);
    form.append('image', file);
    const req = new XMLHttpRequest();
    xhr.current = req;
    req.open('POST', `${ECNS_IMAGES}/upload_image/`);
    req.upload.onprogress = (e) => setSent({ done: e.loaded, total: e.lengthComputable ? e.total : file.size });
    req.upload.onload = () => {
      setPhase('verify');
      poll.current = setInterval(async () => {
        const res = await fetch(`${ECNS_IMAGES}/upload_image/${id}`, { credentials: 'same-origin' }).catch(() => null);
        if (res?.ok) {
          const j = (await res.json()) as Job;
          setJob(j);
          if (j.phase === 'push') setPhase((p) => (p === 'verify' ? 'push' : p));
        }
      }, 500);
    };
    req.onload = () => {
      stopPolling();
      let body: { images?: { harbor_project_name: string; image_name: string; tag_name: string }[]; error?: { message: string } } = {};
      try {
        body = JSON.parse(req.responseText);
      } catch {
        // not JSON: reported by status below
      }
      if (req.status >= 200 && req.status < 300) {
        setPhase('done');
        setResult((body.images ?? []).map((i) => `${i.harbor_project_name}/${i.image_name}:${i.tag_name}`).join(', '));
        void refreshAfterChange(qc, { queryKey: imageKeys.all });
      } else {
        setPhase('failed');
        setError(t('images.upload.failed', { message: body.error?.message ?? String(req.status) }));
      }
    };
    req.onerror = () => {
      stopPolling();
      setPhase('failed');
      setError(t('images.upload.failed', { message: t('common.networkError') }));
    };
    setPhase('sending');
    setSent({ done: 0, total: file.size });
    req.send(form);
  };

  const busy = phase === 'sending' || phase === 'verify' || phase === 'push';
  const jobPhase = job?.phase === 'push' ? 'push' : 'verify';
  return (
    <Modal open title={t('images.upload.title')} onClose={() => { xhr.current?.abort(); onClose(); }} closeLabel={t('common.close')}>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          start();
        }}
      >
        {error ? <Notice>{error}</Notice> : null}
        {phase === 'done' ? <Notice tone="success">{t('images.upload.done', { images: result })}</Notice> : null}
        <Field id="upload-file" label={t('images.upload.file')} hint={t('images.upload.fileHint', { max: humanBytes(SHOWN_MAX) })}>
          <input
            {...described('upload-file', undefined, true)}
            type="file"
            accept=".tar,.tar.gz,.tgz,application/x-tar"
            disabled={busy}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-200 dark:text-slate-300 dark:file:bg-slate-800 dark:file:text-slate-100"
          />
        </Field>
        <Field id="upload-image-name" label={t('images.upload.imageName')} hint={t('images.upload.imageNameHint')}>
          <Input {...described('upload-image-name', undefined, true)} value={imageName} disabled={busy} onChange={(e) => setImageName(e.target.value)} autoComplete="off" />
        </Field>
        <Field id="upload-tag-name" label={t('images.upload.tagName')} hint={t('images.upload.tagNameHint')}>
          <Input {...described('upload-tag-name', undefined, true)} value={tagName} disabled={busy} onChange={(e) => setTagName(e.target.value)} autoComplete="off" />
        </Field>
        {phase !== 'idle' ? (
          <div className="space-y-3">
            <Progress label={t('images.upload.sending')} done={sent.done} total={sent.total} />
            {phase !== 'sending' ? (
              <Progress
                label={jobPhase === 'push' ? t('images.upload.pushing') : t('images.upload.verifying')}
                done={job?.done_bytes ?? 0}
                total={job?.total_bytes ?? 0}
                complete={phase === 'done'}
              />
            ) : null}
          </div>
        ) : null}
        <ModalActions>
          <Button onClick={() => { xhr.current?.abort(); onClose(); }}>{phase === 'done' ? t('common.close') : t('common.cancel')}</Button>
          {phase !== 'done' ? (
            <Button type="submit" variant="primary" disabled={busy}>{busy ? t('images.upload.uploading') : t('images.upload.start')}</Button>
          ) : null}
        </ModalActions>
      </form>
    </Modal>
  );
}
