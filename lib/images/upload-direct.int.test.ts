import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { EmbeddedRegistry } from '@/lib/registry';
import { dockerSave, layerTar, sha256, tar } from '@/lib/registry/testing/archives';
import { skopeo, tempDir } from '@/lib/registry/testing/tools';
import { setupWorld, tokenFor } from '@/lib/testing/world';
import { catalogCounts } from './testing/catalog-fixture';
import { setCatalogBackend } from './registry-link';
import { answerUpload } from './upload-node-entry';
import { createWorkspace } from './workspaces';

/**
 * upload_image as Pier's Node server answers it before Next.js
 * (upload-node-entry.ts), over a real socket: the archive read off the
 * request, the same answers as the route, and a connection that stays
 * usable after a refusal (the body is read to its end either way).
 */
const w = setupWorld();
let server: Server;
let url = '';
let tmp: Awaited<ReturnType<typeof tempDir>>;
let reg: EmbeddedRegistry;

beforeAll(async () => {
  tmp = await tempDir('upload-direct');
  reg = new EmbeddedRegistry(path.join(tmp.dir, 'registry'), 'registry.test:5000');
  setCatalogBackend(reg);
  await createWorkspace(w.ctx('dev'), { name: 'direct-ws', public: false });
  server = createServer((req, res) => {
    if (!answerUpload(req, res)) {
      res.writeHead(404);
      res.end('not the direct path');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/ecns/image/images/upload_image/`;
});
afterAll(async () => {
  setCatalogBackend(null);
  await new Promise((r) => server?.close(r));
  await tmp?.cleanup();
});

function formOf(fields: Record<string, string>, file: Buffer | null): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  if (file) f.append('image', new Blob([new Uint8Array(file)], { type: 'application/x-tar' }), 'image.tar');
  return f;
}

describe('upload_image, direct path', () => {
  it('stores an archive of several MiB with the route\'s answer', async () => {
    const layers = [layerTar('direct-big', 3 << 20), layerTar('direct-small', 100)];
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'x-auth-token': await tokenFor(w, 'dev') },
      body: formOf({ harbor_project_name: 'direct-ws', tag_name: 'v1' }, dockerSave([{ layers, repoTags: ['team/web:2.1'] }])),
    });
    expect(res.status).toBe(201);
    const b = (await res.json()) as { images: Array<Record<string, unknown>> };
    expect(b.images).toHaveLength(1);
    expect(b.images[0]).toMatchObject({ harbor_project_name: 'direct-ws', image_name: 'web', tag_name: 'v1' });
    const seen = await skopeo('inspect', `oci:${path.join(tmp.dir, 'registry')}:direct-ws/web:v1`);
    expect(seen.Digest).toBe(b.images[0].digest);
  });

  // The body's chunks lent and reused (the default, lib/http/borrowed-chunks.ts) or given (PIER_UPLOAD_REUSE_CHUNKS=0),
  // its pieces taken from the HTTP parser (the default, lib/http/node/parser-pushes.ts) or read off the request's
  // stream (PIER_UPLOAD_FROM_PARSER=0): random layers of many chunks, plain and gzip'd, must land byte for byte; a
  // chunk filled again too early (while a write still reads it) would change a layer's digest.
  const modes = {
    lent: { PIER_UPLOAD_REUSE_CHUNKS: '1' },
    given: { PIER_UPLOAD_REUSE_CHUNKS: '0' },
    'from the stream': { PIER_UPLOAD_FROM_PARSER: '0' },
  };
  for (const [mode, env] of Object.entries(modes)) for (const gz of [false, true]) {
    it(`stores random layers of many chunks byte for byte, ${mode}${gz ? ', the archive gzip\'d' : ''}`, async () => {
      const layers = [9 << 20, 5 << 20].map((n, i) => tar([{ name: `data/${gz}-${i}.bin`, body: randomBytes(n) }]));
      const archive = dockerSave([{ layers, repoTags: ['team/random:1'] }]);
      const tag = `${mode.replace(/ /g, '-')}-${gz ? 'gz' : 'plain'}`;
      for (const [k, v] of Object.entries(env)) {
        const before = process.env[k];
        process.env[k] = v;
        onTestFinished(() => {
          if (before === undefined) delete process.env[k];
          else process.env[k] = before;
        });
      }
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'x-auth-token': await tokenFor(w, 'dev') },
        body: formOf({ harbor_project_name: 'direct-ws', tag_name: tag }, gz ? gzipSync(archive, { level: 1 }) : archive),
      });
      expect(res.status).toBe(201);
      const seen = await skopeo('inspect', `oci:${path.join(tmp.dir, 'registry')}:direct-ws/random:${tag}`);
      expect(seen.Layers).toEqual(layers.map((l) => sha256(l)));
    });
  }

  it('refusals keep their status and field; the connection stays usable; nothing is stored', async () => {
    const before = await catalogCounts(w.db);
    const dev = await tokenFor(w, 'dev');
    const archive = dockerSave([{ layers: [layerTar('direct-refused', 2 << 20)], repoTags: ['r:1'] }]);
    const cases: Array<[RequestInit, number, string]> = [
      [{ body: formOf({ harbor_project_name: 'direct-ws' }, archive) }, 401, ''],
      [{ headers: { 'x-auth-token': dev }, body: formOf({ harbor_project_name: 'direct-ws', tag_name: '-x' }, archive) }, 400, 'tag_name'],
      [{ headers: { 'x-auth-token': dev }, body: formOf({}, archive) }, 400, 'harbor_project_name'],
      [{ headers: { 'x-auth-token': dev, 'content-type': 'application/json' }, body: '{}' }, 415, ''],
      [{ headers: { 'x-auth-token': dev, 'content-type': 'multipart/form-data; boundary=zz' }, body: 'not a form at all' }, 400, 'body'],
    ];
    for (const [init, status, field] of cases) {
      const res = await fetch(url, { method: 'POST', ...init });
      expect(res.status).toBe(status);
      const b = (await res.json()) as { error: { code: number; message: string } };
      expect(b.error.code).toBe(status);
      if (field) expect(b.error.message.startsWith(`${field}: `)).toBe(true);
    }
    expect(await catalogCounts(w.db)).toEqual(before);
    expect(await reg.listTags('direct-ws/r')).toEqual([]);
  });

  it('other paths and methods are left to Next.js', async () => {
    expect((await fetch(url, { method: 'GET' })).status).toBe(404);
    expect((await fetch(url.replace('upload_image/', 'upload_image/job-00000001'), { method: 'POST' })).status).toBe(404);
  });
});
