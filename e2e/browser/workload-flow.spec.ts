import type { APIRequestContext, Page } from '@playwright/test';
import { E2E_BASE_URL } from '../playwright.config';
import { expect, keystoneToken, passwords, signIn, test, uniqueName } from '../fixtures';

/**
 * Issue 3's "Done when", as far as the pages on main reach: the Deployment
 * (nginx:alpine, a readiness probe, an env from a ConfigMap, a NodePort
 * access mode and an HPA) is made through the ECNS API as `dev` — the
 * editor is another helper's page and is not on main yet — and everything
 * after is done in Chromium on the workload's page: its YAML, pods going
 * Running, a new image on the containers tab, revision 2, the diff with 1,
 * rollback, scale to 5, stop and start, replicas edited in the YAML view,
 * delete with its Service.
 */
const ECNS = '/api/ecns/eks';

async function signInAs(page: Page, name: string, password: string) {
  await page.goto('/login');
  await page.getByLabel(/User name|用户名/).fill(name);
  await page.getByLabel(/^(Password|密码)$/).fill(password);
  await page.getByRole('button', { name: /^(Sign in|登录)$/ }).click();
  await page.waitForURL((u) => u.pathname === '/');
}

async function asDevInAlpha(playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } }, request: APIRequestContext, adminApi: APIRequestContext) {
  const projects = (await (await adminApi.get('/api/pier/projects?q=alpha')).json()).items as Array<{ id: string; name: string }>;
  const alpha = projects.find((p) => p.name === 'alpha')!;
  const cookie = await signIn(request, 'dev', passwords.demo);
  const api = await playwright.request.newContext({ baseURL: E2E_BASE_URL, extraHTTPHeaders: { cookie } });
  expect((await api.get(`${ECNS}/namespace/${alpha.id}/cluster/local/ns/alpha/`)).status()).toBe(200);
  return api;
}

test('a Deployment with a probe, env from a ConfigMap, NodePort and HPA: YAML, pods, image change, diff, rollback, scale, stop/start, YAML edit, delete', async ({ page, playwright, request, adminApi }) => {
  test.setTimeout(300_000);
  const name = uniqueName('flow');
  const settings = uniqueName('settings');
  const admin = { authorization: `Bearer ${await keystoneToken(request, 'admin', passwords.admin)}` };
  const cm = await request.post('/k8s/local/api/v1/namespaces/alpha/configmaps', {
    headers: admin,
    data: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: settings }, data: { color: 'blue' } },
  });
  expect(cm.status()).toBe(201);
  const api = await asDevInAlpha(playwright, request, adminApi);
  const created = await api.post(`${ECNS}/workloads/`, {
    data: {
      workloads: [{
        workload_base: { name, type: 'Deployment', replicas: 2 },
        containers: [{
          name: 'nginx', type: 'worker', image: { image: 'nginx', image_version: 'alpine' },
          health: [{ type: 'readiness', protocol: 'tcp', port: 80 }],
          env: [{ type: 'ConfigMap', name: 'COLOR', key: settings, value: 'color' }],
        }],
        access_mode: [{ type: 'NodePort', access: [{ port: 80, target_port: 80 }] }],
        scale_strategy: { min_replicas: 2, max_replicas: 6, resource: { cpu: 60 } },
      }],
    },
  });
  expect(created.status(), await created.text()).toBe(201);

  await signInAs(page, 'dev', passwords.demo);
  await page.goto(`/workloads/deployment/${name}`);
  await expect(page.getByRole('heading', { name })).toBeVisible();

  // Its YAML.
  await page.getByRole('tab', { name: 'YAML' }).click();
  const yaml = page.locator('.cm-content');
  await expect(yaml).toContainText('image: nginx:alpine');
  await expect(yaml).toContainText('configMapKeyRef');
  await expect(yaml).toContainText('readinessProbe');

  // Pods go Running.
  await page.getByRole('tab', { name: 'Pods' }).click();
  const pods = page.getByRole('table', { name: 'Pods' });
  await expect(pods.getByRole('row').filter({ hasText: 'Running' })).toHaveCount(2, { timeout: 90_000 });
  await page.getByRole('tab', { name: 'Access' }).click();
  await expect(page.getByLabel('As JSON')).toHaveValue(/"NodePort"/);
  await page.getByRole('tab', { name: 'Autoscaling' }).click();
  await expect(page.getByLabel('Maximum replicas')).toHaveValue('6');

  // A new image on the containers tab makes revision 2; the diff with 1; rollback.
  await page.getByRole('tab', { name: 'Containers' }).click();
  await page.getByLabel('Tag or digest').fill('1.27');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('Applied.')).toBeVisible();
  await page.getByRole('tab', { name: 'Revisions' }).click();
  const revisions = page.getByRole('table', { name: 'Revisions' });
  await expect(revisions.getByRole('row').filter({ hasText: 'nginx:1.27' })).toContainText('2');
  await expect(page.getByLabel('To revision')).toHaveValue('2');
  const diff = page.getByLabel('Compare');
  await expect(diff.locator('[data-op=added]').filter({ hasText: 'image: nginx:1.27' })).toHaveCount(1);
  await expect(diff.locator('[data-op=removed]').filter({ hasText: 'image: nginx:alpine' })).toHaveCount(1);
  await revisions.getByRole('button', { name: 'Roll back 1' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Roll back' }).click();
  await expect(page.getByText('Rolled back to revision 1.')).toBeVisible();
  await expect(revisions.getByRole('row').filter({ hasText: 'nginx:alpine' })).toContainText('current');

  // Scale to 5.
  await page.getByRole('tab', { name: 'Scale' }).click();
  await page.getByLabel('Replicas').fill('5');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('Applied.')).toBeVisible();
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(page.getByTestId('ready-replicas')).toHaveText('5 / 5', { timeout: 90_000 });

  // Stop, then start.
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByText('Stopped').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('ready-replicas')).toHaveText('0 / 0', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByTestId('ready-replicas')).toHaveText('5 / 5', { timeout: 90_000 });

  // Replicas edited in the YAML view.
  await page.getByRole('tab', { name: 'YAML' }).click();
  const specReplicas = page.locator('.cm-line').filter({ hasText: /^ {2}replicas: 5$/ }).first();
  await specReplicas.click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('3');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Applied.')).toBeVisible();
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(page.getByTestId('ready-replicas')).toHaveText('3 / 3', { timeout: 90_000 });

  // Delete it with its Service.
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('Also delete their Services and Ingresses')).toBeChecked();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await page.waitForURL((u) => u.pathname === '/workloads');
  expect((await api.get(`${ECNS}/workloads/workload/${name}/?workload_type=Deployment`)).status()).toBe(404);
  expect((await request.get(`/k8s/local/api/v1/namespaces/alpha/services/${name}`, { headers: admin })).status()).toBe(404);
  await api.dispose();
});
