import type { APIRequestContext, Page } from '@playwright/test';
import { E2E_BASE_URL } from '../playwright.config';
import { expect, keystoneToken, passwords, signIn, test, uniqueName } from '../fixtures';

/**
 * The workloads list and a workload's page, driven as the developer `dev`
 * would in namespace alpha of the simulated cluster `local`: type tabs,
 * search, bulk stop/start, the overview, pods, scale with a refused value
 * shown on its field, an image change that makes revision 2, the diff of two
 * revisions, rollback, labels, and delete with the Services. The workloads
 * are made through the ECNS API first (the editor is another page).
 */
const ECNS = '/api/ecns/eks';

async function devApi(playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } }, request: APIRequestContext, projectId: string) {
  const cookie = await signIn(request, 'dev', passwords.demo);
  const api = await playwright.request.newContext({ baseURL: E2E_BASE_URL, extraHTTPHeaders: { cookie } });
  const sw = await api.get(`${ECNS}/namespace/${projectId}/cluster/local/ns/alpha/`);
  expect(sw.status()).toBe(200);
  return api;
}

async function alphaId(api: APIRequestContext): Promise<string> {
  const res = await api.get('/api/pier/projects?q=alpha');
  expect(res.status()).toBe(200);
  const items = (await res.json()).items as Array<{ id: string; name: string }>;
  return items.find((p) => p.name === 'alpha')!.id;
}

async function signInAs(page: Page, name: string, password: string) {
  await page.goto('/login');
  await page.getByLabel(/User name|用户名/).fill(name);
  await page.getByLabel(/^(Password|密码)$/).fill(password);
  await page.getByRole('button', { name: /^(Sign in|登录)$/ }).click();
  await page.waitForURL((u) => u.pathname === '/');
}

const deployment = (name: string) => ({
  workload_base: { name, type: 'Deployment', replicas: 1 },
  containers: [{ name: 'web', type: 'worker', image: { image: 'nginx', image_version: 'alpine' } }],
  access_mode: [{ type: 'ClusterIP', access: [{ port: 80, target_port: 80 }] }],
});
const statefulSet = (name: string) => ({
  workload_base: { name, type: 'StatefulSet', replicas: 1 },
  containers: [{ name: 'cache', type: 'worker', image: { image: 'redis', image_version: '7.2' } }],
});

test('dev lists, filters, stops and starts workloads, and works on one from its page', async ({ page, playwright, request, adminApi }) => {
  test.setTimeout(240_000);
  const api = await devApi(playwright, request, await alphaId(adminApi));
  const web = uniqueName('web');
  const db = uniqueName('db');
  const created = await api.post(`${ECNS}/workloads/`, { data: { workloads: [deployment(web), statefulSet(db)] } });
  expect(created.status(), await created.text()).toBe(201);

  await signInAs(page, 'dev', passwords.demo);
  await page.goto('/workloads');
  await expect(page.getByRole('heading', { name: 'Workloads' })).toBeVisible();
  await expect(page.getByText(/namespace alpha of cluster local/)).toBeVisible();
  const rowOf = (name: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
  await expect(rowOf(web)).toContainText('Deployment');
  await expect(rowOf(db)).toContainText('StatefulSet');
  await expect(rowOf(web)).toContainText('nginx:alpine');
  await expect(rowOf(web)).toContainText('Running', { timeout: 60_000 });
  await expect(rowOf(web)).toContainText('1 / 1');

  // Type tabs and search.
  await page.getByRole('tab', { name: 'StatefulSets' }).click();
  await expect(rowOf(db)).toBeVisible();
  await expect(rowOf(web)).toHaveCount(0);
  await page.getByRole('tab', { name: 'All' }).click();
  await page.getByLabel('Search by name').fill(web);
  await expect(rowOf(web)).toBeVisible();
  await expect(rowOf(db)).toHaveCount(0);
  await page.getByLabel('Search by name').fill('');
  await expect(rowOf(db)).toBeVisible();

  // Bulk stop, then start.
  await page.getByRole('checkbox', { name: `Select ${web}` }).check();
  await page.getByRole('checkbox', { name: `Select ${db}` }).check();
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByText('Stop: done for 2.')).toBeVisible();
  await expect(rowOf(web)).toContainText('Stopped');
  await expect(rowOf(db)).toContainText('Stopped');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(rowOf(web)).toContainText('Running', { timeout: 60_000 });

  // A workload's page.
  await rowOf(web).getByRole('link', { name: web }).click();
  await page.waitForURL(`**/workloads/deployment/${web}`);
  await expect(page.getByRole('heading', { name: web })).toBeVisible();
  await expect(page.getByTestId('ready-replicas')).toHaveText('1 / 1', { timeout: 60_000 });
  await page.getByRole('tab', { name: 'Pods' }).click();
  const pods = page.getByRole('table', { name: 'Pods' });
  await expect(pods.getByRole('row').filter({ hasText: 'Running' })).toHaveCount(1);
  await expect(pods.getByRole('link').first()).toHaveAttribute('href', new RegExp(`^/pods/alpha/${web}-[a-z0-9-]+\\?cluster=local$`));

  // Scale: a refused value is shown on its field and changes nothing; then 2.
  await page.getByRole('tab', { name: 'Scale' }).click();
  await page.getByLabel('Replicas').fill('-1');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.locator('#replicas-error')).toHaveText('at least 0');
  await page.getByLabel('Replicas').fill('2');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('Applied.')).toBeVisible();
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(page.getByTestId('ready-replicas')).toHaveText('2 / 2', { timeout: 60_000 });

  // Containers: a bad tag is named on its field; a good one makes revision 2.
  await page.getByRole('tab', { name: 'Containers' }).click();
  await page.getByLabel('Tag or digest').fill('bad tag');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.locator('#container-0-version-error')).toContainText('a tag');
  await page.getByLabel('Tag or digest').fill('1.27');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('Applied.')).toBeVisible();

  await page.getByRole('tab', { name: 'Revisions' }).click();
  const revisions = page.getByRole('table', { name: 'Revisions' });
  await expect(revisions.getByRole('row').filter({ hasText: 'nginx:1.27' })).toContainText('current');
  await expect(page.getByLabel('From revision')).toHaveValue('1');
  await expect(page.getByLabel('To revision')).toHaveValue('2');
  const diff = page.getByLabel('Compare');
  await expect(diff.locator('[data-op=removed]').filter({ hasText: 'image: nginx:alpine' })).toHaveCount(1);
  await expect(diff.locator('[data-op=added]').filter({ hasText: 'image: nginx:1.27' })).toHaveCount(1);
  await revisions.getByRole('button', { name: 'Roll back 1' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Roll back' }).click();
  await expect(page.getByText('Rolled back to revision 1.')).toBeVisible();
  await expect(revisions.getByRole('row').filter({ hasText: 'nginx:alpine' })).toContainText('current');

  // Labels: a reserved key is refused on the field; a good one is kept.
  await page.getByRole('tab', { name: 'Labels' }).click();
  await page.getByRole('textbox', { name: 'Labels' }).fill('pier.io/mine=x');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.locator('#labels-error')).toContainText('reserved');
  await page.getByRole('textbox', { name: 'Labels' }).fill('tier=web');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('Applied.')).toBeVisible();
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(page.getByText('tier=web')).toBeVisible();

  // Delete with its Service.
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('Also delete their Services and Ingresses')).toBeChecked();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await page.waitForURL((u) => u.pathname === '/workloads');
  await expect(rowOf(web)).toHaveCount(0);
  const left = await api.get(`${ECNS}/workloads/workload/${web}/?workload_type=Deployment`);
  expect(left.status()).toBe(404);
  const token = await keystoneToken(request, 'admin', passwords.admin);
  const svc = await request.get(`/k8s/local/api/v1/namespaces/alpha/services/${web}`, { headers: { authorization: `Bearer ${token}` } });
  expect(svc.status()).toBe(404);
  await api.dispose();
});

test('dev sees an ECNS application with its workloads, edits its description, and deletes it with its workloads', async ({ page, playwright, request, adminApi }) => {
  test.setTimeout(180_000);
  const api = await devApi(playwright, request, await alphaId(adminApi));
  const app = uniqueName('shop');
  const web = uniqueName('shopweb');
  const created = await api.post(`${ECNS}/applications/`, { data: { name: app, description: 'first', workloads: [deployment(web)] } });
  expect(created.status(), await created.text()).toBe(201);

  await signInAs(page, 'dev', passwords.demo);
  await page.goto('/workloads/applications');
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: app, exact: true }) });
  await expect(row).toContainText(web);
  await expect(row).toContainText('Running', { timeout: 60_000 });
  await row.getByRole('link', { name: app }).click();
  await page.waitForURL(`**/workloads/applications/${app}`);
  await expect(page.getByRole('table', { name: 'Workloads' }).getByRole('link', { name: web })).toHaveAttribute('href', `/workloads/deployment/${web}`);

  await page.getByLabel('Description').fill('x'.repeat(1025));
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('[role=alert]').filter({ hasText: '1024' }).first()).toBeVisible();
  await page.getByLabel('Description').fill('The shop');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Description saved.')).toBeVisible();

  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Their workloads', { exact: true }).check();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await page.waitForURL((u) => u.pathname === '/workloads/applications');
  await expect(page.getByRole('link', { name: app, exact: true })).toHaveCount(0);
  expect((await api.get(`${ECNS}/workloads/workload/${web}/?workload_type=Deployment`)).status()).toBe(404);
  await api.dispose();
});

test('a refresh that fails keeps the workload page and says so; the next good one clears it', async ({ page, playwright, request, adminApi }) => {
  test.setTimeout(180_000);
  const api = await devApi(playwright, request, await alphaId(adminApi));
  const web = uniqueName('flaky');
  const created = await api.post(`${ECNS}/workloads/`, { data: { workloads: [deployment(web)] } });
  expect(created.status(), await created.text()).toBe(201);

  await signInAs(page, 'dev', passwords.demo);
  await page.goto(`/workloads/deployment/${web}`);
  await expect(page.getByRole('tab', { name: 'Scale' })).toBeVisible();
  await page.getByRole('tab', { name: 'Scale' }).click();

  // Pier stays up; the browser loses the workload's reads (what a dropped connection does).
  const detail = `**${ECNS}/workloads/workload/${web}/**`;
  await page.route(detail, (route) => (route.request().method() === 'GET' ? route.abort('failed') : route.continue()));
  await page.getByLabel('Replicas').fill('2');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('Applied.')).toBeVisible();
  // The refetch after the change fails (after its retries): the page stays, with a notice above it.
  await expect(page.getByText(/Could not refresh: .*Showing what was loaded before\./)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('tab', { name: 'Scale' })).toBeVisible();
  await expect(page.getByLabel('Replicas')).toBeVisible();

  await page.unroute(detail);
  await page.getByLabel('Replicas').fill('1');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText(/Could not refresh/)).toHaveCount(0, { timeout: 30_000 });
  await api.dispose();
});
