import type { Ctx } from '../context';
import { Invalid } from '../errors';
import { parseWith } from '../http/body';
import { uploadMaxBytes, type ImportedImage } from '../registry';
import { assertCanWrite, requireWorkspace } from './access';
import { finishJob, progressWriter, startJob } from './jobs';
import { repositoryName, tagName, workspaceName } from './names';
import { recordPushedImage } from './record';
import { catalogBackend } from './registry-link';

export interface UploadTarget {
  workspace: string;
  imageName?: string;
  tagName?: string;
  /** A client-chosen id under which it polls progress. */
  uploadId?: string;
}

export interface UploadedImage {
  workspace: string;
  repository: string;
  tag: string;
  digest: string;
  sizeBytes: number;
}

/** The target's names and the caller's right to write there, checked before any byte is stored. */
export async function checkUploadTarget(ctx: Ctx, t: UploadTarget) {
  parseWith(workspaceName, t.workspace);
  if (t.imageName !== undefined) {
    const r = repositoryName.safeParse(t.imageName);
    if (!r.success) throw new Invalid({ image_name: r.error.issues[0].message });
  }
  if (t.tagName !== undefined && !tagName.safeParse(t.tagName).success) throw new Invalid({ tag_name: tagName.safeParse(t.tagName).error!.issues[0].message });
  const ws = await requireWorkspace(ctx, t.workspace);
  await assertCanWrite(ctx, ws);
  return ws;
}

/**
 * An upload from first byte to catalog, in one pass: the backend parses the
 * archive as the body streams in (never whole in memory, no copy of the
 * whole archive), writing and hashing each entry on the way, then verifies
 * and stores it; the catalog records every tag it created. Progress goes to
 * the job `uploadId`. A refused archive leaves nothing behind. `body` should
 * not destroy its source when abandoned (see ArchiveStream), so the caller
 * can drain the rest of the request after a refusal.
 */
export async function uploadImage(ctx: Ctx, t: UploadTarget, body: AsyncIterable<Uint8Array>): Promise<UploadedImage[]> {
  const ws = await checkUploadTarget(ctx, t);
  const jobId = t.uploadId;
  if (jobId) await startJob(ctx, { id: jobId, kind: 'upload', state: 'receiving', workspaceId: ws.id });
  const progress = jobId ? progressWriter(ctx, jobId) : null;
  try {
    const images = await catalogBackend().importArchive({ stream: body, maxBytes: uploadMaxBytes() }, {
      workspace: ws.name,
      imageName: t.imageName,
      tagName: t.tagName,
      onProgress: (p) => progress?.report(p.phase === 'verify' && p.totalBytes === 0
        // Still arriving: the size is not known before the end.
        ? { phase: 'receive', done: p.doneBytes, total: 0 }
        : { state: 'pushing', phase: p.phase, done: p.doneBytes, total: p.totalBytes }),
    });
    await progress?.flush();
    const out: UploadedImage[] = [];
    for (const img of images) {
      const repository = img.repository.slice(ws.name.length + 1);
      const pushed = (i: ImportedImage) => ({
        workspace: ws.name, repository, tag: i.tag, digest: i.digest, sizeBytes: i.size,
        imageCreatedAt: i.created ? new Date(i.created) : null, dockerVersion: i.dockerVersion, architecture: i.architecture, os: i.os,
      });
      await recordPushedImage(ctx, pushed(img), {
        current: async () => {
          const now = await catalogBackend().inspect(img.repository, img.tag);
          return now ? pushed(now) : null;
        },
      });
      out.push({ workspace: ws.name, repository, tag: img.tag, digest: img.digest, sizeBytes: img.size });
    }
    if (jobId) await finishJob(ctx, jobId, 'finished', { result: { phase: 'done', images: out.map((o) => `${o.workspace}/${o.repository}:${o.tag}`) } });
    return out;
  } catch (err) {
    await progress?.flush();
    if (jobId) await finishJob(ctx, jobId, 'failed', { message: err instanceof Error ? err.message : 'failed' }).catch(() => undefined);
    throw err;
  }
}
