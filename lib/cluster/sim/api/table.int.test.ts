import { beforeAll, describe, expect, it } from 'vitest';
import { GET, POST } from '@/app/k8s/[cluster]/[...path]/route';
import { body, call, request } from '@/lib/testing/http';
import { setupWorld, tokenFor } from '@/lib/testing/world';
import { seedLocalCluster } from '../seed';

const w = setupWorld();
let token = '';
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

beforeAll(async () => {
  await seedLocalCluster(w.db, new Date());
  token = await tokenFor(w, 'admin');
});

function k8s(path: string, o: { accept?: string; json?: unknown } = {}) {
  const url = new URL(path, 'http://x');
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...(o.accept ? { accept: o.accept } : {}) };
  const req = request(`/k8s/local/${path}`, { headers, json: o.json, method: o.json ? 'POST' : 'GET' });
  return call(o.json ? POST : GET, req, { cluster: 'local', path: url.pathname.split('/').filter(Boolean) });
}

describe('Table output over the API', () => {
  it('list and get answer a Table with the kind\'s columns when kubectl asks for one; plain JSON otherwise', async () => {
    const nodes = await body(await k8s('api/v1/nodes', { accept: TABLE }));
    expect(nodes).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
    expect(nodes.columnDefinitions.filter((c: { priority: number }) => c.priority === 0).map((c: { name: string }) => c.name))
      .toEqual(['Name', 'Status', 'Roles', 'Age', 'Version']);
    expect(nodes.rows.map((r: { cells: string[] }) => r.cells[0])).toContain('worker-1');
    expect(nodes.rows[0].object.kind).toBe('PartialObjectMetadata');
    expect(nodes.metadata.resourceVersion).toMatch(/^[0-9]+$/);

    const one = await body(await k8s('api/v1/nodes/worker-1?includeObject=Object', { accept: TABLE }));
    expect(one.rows).toHaveLength(1);
    expect(one.rows[0].cells.slice(0, 2)).toEqual(['worker-1', 'Ready']);
    expect(one.rows[0].object).toMatchObject({ kind: 'Node', apiVersion: 'v1', metadata: { name: 'worker-1' } });

    expect((await body(await k8s('api/v1/nodes'))).kind).toBe('NodeList');
    expect((await body(await k8s('api/v1/nodes', { accept: 'application/json;as=Table;v=v1beta1;g=meta.k8s.io' }))).apiVersion).toBe('meta.k8s.io/v1beta1');
  });

  it('406 NotAcceptable for only unsupported forms, 400 for a bad includeObject', async () => {
    const res = await k8s('api/v1/nodes', { accept: 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io' });
    expect(res.status).toBe(406);
    expect(await body(res)).toMatchObject({ kind: 'Status', reason: 'NotAcceptable', code: 406 });
    const bad = await k8s('api/v1/nodes?includeObject=Everything', { accept: TABLE });
    expect(bad.status).toBe(400);
    expect((await body(bad)).message).toMatch(/includeObject: Unsupported value: "Everything"/);
  });

  it('a watch sends one-row Tables, the column definitions with the first event only', async () => {
    await k8s('api/v1/namespaces', { json: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'table-watch' } } });
    const res = await k8s('api/v1/namespaces?watch=true&timeoutSeconds=1', { accept: TABLE });
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.every((e) => e.type === 'ADDED' && e.object.kind === 'Table' && e.object.rows.length === 1)).toBe(true);
    expect(lines[0].object.columnDefinitions.map((c: { name: string }) => c.name)).toEqual(['Name', 'Status', 'Age']);
    expect(lines.slice(1).every((e) => e.object.columnDefinitions.length === 0)).toBe(true);
    expect(lines.map((e) => e.object.rows[0].cells[0])).toContain('table-watch');
  });
});
