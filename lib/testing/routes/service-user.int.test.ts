import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as listUsersRoute } from '@/app/api/pier/users/route';
import { DELETE as deleteUserRoute, GET as getUserRoute, PATCH as patchUserRoute } from '@/app/api/pier/users/[id]/route';
import { clusters, users } from '@/db/schema';
import { newId } from '@/db/schema/ids';
import { SYSTEM_USER } from '@/lib/auth/service-users';
import { simulatedCredentials } from '@/lib/cluster/adapter/identity';
import { body, call, request } from '../http';
import { setupWorld, tokenFor } from '../world';

const w = setupWorld();
let serviceId = '';

beforeAll(async () => {
  // The adapter provisions its identity on first use of a simulated cluster.
  const [local] = await w.db
    .insert(clusters)
    .values({ id: newId(), name: 'svc-sim', type: 'EKS', driver: 'simulated', server: '/k8s/svc-sim' })
    .returning();
  await simulatedCredentials(w.db, local, new Date());
  const [row] = await w.db.select({ id: users.id }).from(users).where(eq(users.name, SYSTEM_USER));
  serviceId = row.id;
});

describe('the pier-system service identity on the users pages', () => {
  it('is not listed, even to a system administrator', async () => {
    const res = await call(listUsersRoute, request('/api/pier/users?pageSize=200', { token: await tokenFor(w, 'admin') }));
    const b = (await body(res)) as { items: { name: string }[]; total: number };
    expect(b.items.map((u) => u.name)).not.toContain(SYSTEM_USER);
    expect(b.total).toBe(b.items.length);
  });

  it('cannot be read, edited or deleted through the console API, and stays in place', async () => {
    const token = await tokenFor(w, 'admin');
    const params = { id: serviceId };
    expect((await call(getUserRoute, request(`/api/pier/users/${serviceId}`, { token }), params)).status).toBe(404);
    const patch = request(`/api/pier/users/${serviceId}`, { method: 'PATCH', token, json: { disabled: true } });
    expect((await call(patchUserRoute, patch, params)).status).toBe(404);
    const del = request(`/api/pier/users/${serviceId}`, { method: 'DELETE', token });
    expect((await call(deleteUserRoute, del, params)).status).toBe(404);
    const [row] = await w.db.select({ disabled: users.disabled }).from(users).where(eq(users.id, serviceId));
    expect(row).toEqual({ disabled: false });
  });
});
