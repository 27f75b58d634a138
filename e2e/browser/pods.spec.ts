import type { APIRequestContext, Page } from '@playwright/test';
import { parse } from 'yaml';
import { expect, passwords, test, uniqueName } from '../fixtures';
import { E2E_BASE_URL } from '../playwright.config';

/**
 * The pod dashboard and a pod's page, driven as a developer of project alpha
 * would: a Deployment's pods are listed, a pod created meanwhile (straight
 * through the simulated cluster's Kubernetes API, as kubectl would) appears
 * without a reload, filters narrow the table and stay in the URL, a pod's page
 * shows its events and logs and follow mode shows new lines, and a pod of an
 * image no registry has shows ImagePullBackOff with its event. A workload of
 * more pods than the dashboard's first page (100) is listed whole: the rest
 * arrives in later pages, and scrolling the table reaches the last pod.
 */

async function signInAs(page: Page, name: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/User name|用户名/).fill(name);
  await page.getByLabel(/^(Password|密码)$/).fill(password);
  await page.getByRole('button', { name: /^(Sign in|登录)$/ }).click();
  await page.waitForURL((u) => u.pathname === '/');
}

/** The simulated cluster's own API with the token of the kubeconfig Pier hands out for it. */
async function kubeApi(playwright: { request: { newContext: (o: { baseURL: string; extraHTTPHeaders: Record<string, string> }) => Promise<APIRequestContext> } }, adminApi: APIRequestContext) {
  const res = await adminApi.get('/api/pier/clusters/local/kubeconfig');
  expect(res.status()).toBe(200);
  const doc = parse(await res.text()) as { users: Array<{ user: { token: string } }> };
  return playwright.request.newContext({ baseURL: E2E_BASE_URL, extraHTTPHeaders: { authorization: `Bearer ${doc.users[0].user.token}` } });
}

/** Types into several filters in one task, as fast as no user can: their pauses end together. */
async function setFiltersAtOnce(page: Page, values: Record<string, string>): Promise<void> {
  await page.evaluate((vals) => {
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    for (const [id, v] of Object.entries(vals)) {
      const input = document.getElementById(id) as HTMLInputElement;
      setValue.call(input, v);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }, values);
}

const podOf = (name: string, image: string, labels: Record<string, string>) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'main', image }] },
});

test('the dashboard lists a workload\'s pods live, filters them, and a pod\'s page shows events, logs and follow', async ({ page, playwright, adminApi }) => {
  test.setTimeout(240_000);
  const kube = await kubeApi(playwright, adminApi);
  const tag = uniqueName('e2e').slice(4);
  const web = `web-${tag}`;
  const created = await kube.post('/k8s/local/apis/apps/v1/namespaces/alpha/deployments', { data: {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: web },
    spec: { replicas: 2, selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: 'main', image: 'nginx:alpine' }] } } },
  } });
  expect(created.status()).toBe(201);

  await signInAs(page, 'dev', passwords.demo);
  await page.goto(`/pods?namespace=alpha&q=${tag}`);
  const table = page.getByRole('table', { name: 'Pods' });
  const rows = table.getByRole('row').filter({ has: page.getByRole('cell') });
  // The first read of a fresh server lists the cluster into Pier's pod cache: slow on a loaded machine.
  await expect(rows).toHaveCount(2, { timeout: 60_000 });
  await expect(rows.first()).toContainText(web);
  await expect(rows.first()).toContainText('Running', { timeout: 60_000 });
  await expect(page.getByTestId('live-state')).toHaveAttribute('data-state', 'live');

  // Created behind the page's back: it must arrive over the stream, not by reloading.
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  const solo = `solo-${tag}`;
  expect((await kube.post('/k8s/local/api/v1/namespaces/alpha/pods', { data: podOf(solo, 'nginx:alpine', { app: solo }) })).status()).toBe(201);
  await expect(rows).toHaveCount(3);
  await expect(table.getByRole('row').filter({ hasText: solo })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);

  // Filters narrow the table and are kept in the URL.
  await page.getByLabel('Workload').fill(web);
  await expect(rows).toHaveCount(2);
  await expect(page).toHaveURL(new RegExp(`workload=${web}`));
  await page.getByLabel('Workload').fill('');
  await page.getByLabel('Label selector').fill(`app=${solo}`);
  await expect(rows).toHaveCount(1);
  await expect(page).toHaveURL(/label=app%3Dsolo-/);
  await page.reload();
  await expect(rows).toHaveCount(1);
  await expect(page.getByLabel('Label selector')).toHaveValue(`app=${solo}`);
  // Two filters changed together: the second to apply must not undo the first.
  await setFiltersAtOnce(page, { 'pods-workload': web, 'pods-label': '' });
  await expect(page).toHaveURL(new RegExp(`workload=${web}`));
  await expect(page).not.toHaveURL(/label=/);
  await expect(rows).toHaveCount(2);
  await expect(page.getByLabel('Workload')).toHaveValue(web);

  // A pod's page: events and logs; follow shows a line written after it started.
  await page.goto(`/pods?namespace=alpha&workload=${web}`);
  const first = rows.first().getByRole('link');
  const podName = await first.textContent();
  await first.click();
  await expect(page.getByRole('heading', { name: `Pod ${podName}` })).toBeVisible();
  const events = page.getByRole('table', { name: 'Events' });
  await expect(events).toContainText('Scheduled');
  await expect(page.getByRole('table', { name: 'Containers' })).toContainText('nginx:alpine');
  const log = page.getByTestId('pod-log');
  await expect(log).not.toHaveText(/^(Loading…|No log lines\.)?$/);
  await page.getByLabel('Last lines').fill('1');
  await page.getByLabel('Follow').check();
  await expect(page.getByTestId('log-following')).toBeVisible();
  const lines = async () => ((await log.textContent()) ?? '').split('\n').filter(Boolean).length;
  await expect.poll(lines).toBeGreaterThanOrEqual(1);
  await expect.poll(lines, { timeout: 60_000 }).toBeGreaterThan(1);
  await kube.dispose();
});

test('a pod of an image no registry has shows ImagePullBackOff with its event', async ({ page, playwright, adminApi }) => {
  test.setTimeout(180_000);
  const kube = await kubeApi(playwright, adminApi);
  const lost = uniqueName('lost');
  expect((await kube.post('/k8s/local/api/v1/namespaces/alpha/pods', { data: podOf(lost, 'nowhere/missing:1', { app: lost }) })).status()).toBe(201);
  await signInAs(page, 'dev', passwords.demo);
  await page.goto(`/pods?namespace=alpha&q=${lost}`);
  const row = page.getByRole('table', { name: 'Pods' }).getByRole('row').filter({ hasText: lost });
  await expect(row).toContainText('ImagePullBackOff', { timeout: 90_000 });
  await expect(page.getByTestId('count-failed')).not.toContainText(/^Failed0$/);
  await row.getByRole('link', { name: lost }).click();
  await expect(page.getByRole('heading', { name: `Pod ${lost}` })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Containers' })).toContainText('ImagePullBackOff');
  const events = page.getByRole('table', { name: 'Events' });
  await expect(events.getByRole('row').filter({ hasText: /Failed|BackOff/ }).first()).toContainText('nowhere/missing');
  // The log of a container that never started is the cluster's refusal, shown as such. In the page's
  // main region: Next.js's route announcer is an alert too, and announces the heading ("Pod <name>")
  // when the page came by a client-side navigation that fetched it on the click (row links do not prefetch).
  await expect(page.getByRole('main').getByRole('alert').filter({ hasText: lost })).toContainText('is waiting to start');

  // Delete with force, confirmed.
  await page.getByRole('button', { name: 'Delete pod' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^Force/).check();
  await dialog.getByRole('button', { name: 'Delete pod' }).click();
  await expect(page.getByText(`Pod ${lost} was deleted.`)).toBeVisible();
  expect((await kube.get(`/k8s/local/api/v1/namespaces/alpha/pods/${lost}`)).status()).toBe(404);
  await kube.dispose();
});

test('more pods than the first page: the rest arrive in later pages and the table scrolls to the last one', async ({ page, playwright, adminApi }) => {
  test.setTimeout(300_000);
  const kube = await kubeApi(playwright, adminApi);
  const many = `many-${uniqueName('e2e').slice(4)}`;
  const replicas = 130;
  const created = await kube.post('/k8s/local/apis/apps/v1/namespaces/alpha/deployments', { data: {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: many },
    spec: { replicas, selector: { matchLabels: { app: many } }, template: { metadata: { labels: { app: many } }, spec: { containers: [{ name: 'main', image: 'nginx:alpine' }] } } },
  } });
  expect(created.status()).toBe(201);
  const names = async () => ((await (await kube.get(`/k8s/local/api/v1/namespaces/alpha/pods?labelSelector=app%3D${many}`)).json()) as { items: Array<{ metadata: { name: string } }> }).items.map((p) => p.metadata.name);
  await expect.poll(async () => (await names()).length, { timeout: 120_000 }).toBe(replicas);
  const sorted = (await names()).sort();

  await signInAs(page, 'dev', passwords.demo);
  await page.goto(`/pods?namespace=alpha&workload=${many}`);
  const shown = page.getByTestId('pods-shown');
  await expect(shown).toHaveText(new RegExp(`^${replicas} of `), { timeout: 60_000 });
  // Every page is in: no placeholder rows left.
  await expect(shown).not.toHaveAttribute('data-loading');
  const table = page.getByRole('table', { name: 'Pods' });
  await expect(table).toHaveAttribute('aria-rowcount', String(replicas + 1));
  await expect(table.getByRole('row').nth(1)).toContainText(sorted[0]);

  // Scroll to the bottom: the last pod (past the first page) is a real row with its link, at its place.
  await page.getByTestId('pod-table').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  const last = table.locator(`[role=row][aria-rowindex="${replicas + 1}"]`);
  await expect(last).toBeVisible();
  await expect(last.getByRole('link')).toHaveText(sorted[replicas - 1]);
  await expect(page.getByTestId('pod-row-pending')).toHaveCount(0);

  // The stream still reaches rows of the later page: the last pod deleted is replaced by its ReplicaSet.
  expect((await kube.delete(`/k8s/local/api/v1/namespaces/alpha/pods/${sorted[replicas - 1]}`, { data: { apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 0 } })).status()).toBe(200);
  await expect(table.getByRole('link', { name: sorted[replicas - 1], exact: true })).toHaveCount(0, { timeout: 30_000 });
  await expect(shown).toHaveText(new RegExp(`^${replicas} of `), { timeout: 60_000 });
  await kube.delete(`/k8s/local/apis/apps/v1/namespaces/alpha/deployments/${many}`);
  await kube.dispose();
});

// The dashboard asks for the cluster's nodes only in node scope (they were polled every 5 s in every scope, mid-scroll).
test('the node scope lists the cluster\'s nodes in its picker and puts the chosen one in the URL', async ({ page }) => {
  await signInAs(page, 'dev', passwords.demo);
  await page.goto('/pods?namespace=alpha');
  await expect(page.getByLabel('Node', { exact: true })).toHaveCount(0);
  await page.getByRole('radio', { name: 'Node' }).click();
  const picker = page.getByLabel('Node', { exact: true });
  // "Choose a node" and the simulated cluster's nodes.
  await expect.poll(() => picker.locator('option').count(), { timeout: 30_000 }).toBeGreaterThan(1);
  const node = await picker.locator('option').nth(1).getAttribute('value');
  await picker.selectOption(node!);
  await expect(page).toHaveURL(new RegExp(`node=${node}`));
});
