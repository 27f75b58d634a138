import type { Page } from '@playwright/test';
import { expect, keystoneToken, passwords, test, uniqueName } from '../fixtures';

/**
 * Issue 3's "Done when", in Chromium as the developer `dev`: build a
 * Deployment of nginx:alpine with a readiness probe, an env from a
 * ConfigMap, a NodePort access mode and an HPA in the editor, then on the
 * workload's page: its YAML, pods going Running (on its Pods tab and on the
 * pod dashboard it links to), a new image on the containers tab, revision
 * 2, the diff with 1, rollback, scale to 5, stop and start, replicas edited
 * in the YAML view ("Applied."), delete with its Service.
 */
const ECNS = '/api/ecns/eks';

async function signInAs(page: Page, name: string, password: string) {
  await page.goto('/login');
  await page.getByLabel(/User name|用户名/).fill(name);
  await page.getByLabel(/^(Password|密码)$/).fill(password);
  await page.getByRole('button', { name: /^(Sign in|登录)$/ }).click();
  await page.waitForURL((u) => u.pathname === '/');
}

/** The editor's inputs are named by the workload field they hold. */
const field = (page: Page, path: string) => page.locator(`#wl-${path.replace(/\./g, '-')}`);

test('a Deployment with a probe, env from a ConfigMap, NodePort and HPA: editor, YAML, pods, image change, diff, rollback, scale, stop/start, YAML edit, delete', async ({ page, request }) => {
  test.setTimeout(300_000);
  const name = uniqueName('flow');
  const settings = uniqueName('settings');
  await signInAs(page, 'dev', passwords.demo);
  // The browser session works in alpha (the workload pages would switch it too).
  const projects = (await (await page.request.get(`${ECNS}/namespace/`)).json()) as Array<{ project_name: string; project_id: string }>;
  const alpha = projects.find((p) => p.project_name === 'alpha')!;
  expect((await page.request.get(`${ECNS}/namespace/${alpha.project_id}/cluster/local/ns/alpha/`)).status()).toBe(200);
  const cm = await page.request.post(`${ECNS}/_raw/ConfigMap/name/${settings}/`, {
    headers: { 'content-type': 'application/yaml' },
    data: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${settings}\ndata:\n  color: blue\n`,
  });
  expect(cm.ok(), await cm.text()).toBe(true);

  // Built in the editor.
  await page.goto('/workloads/new');
  await field(page, 'workload_base.name').fill(name);
  await field(page, 'workload_base.replicas').fill('2');
  await field(page, 'containers.0.name').fill('nginx');
  await field(page, 'containers.0.image.image').fill('nginx');
  await field(page, 'containers.0.image.image_version').fill('alpine');
  await page.getByRole('button', { name: 'Add check' }).click();
  await field(page, 'containers.0.health.0.type').selectOption('readiness');
  await field(page, 'containers.0.health.0.protocol').selectOption('tcp');
  await field(page, 'containers.0.health.0.port').fill('80');
  await page.getByRole('button', { name: 'Add variable' }).click();
  await field(page, 'containers.0.env.0.type').selectOption('ConfigMap');
  await field(page, 'containers.0.env.0.name').fill('COLOR');
  await field(page, 'containers.0.env.0.key').selectOption(settings);
  await field(page, 'containers.0.env.0.value').selectOption('color');
  await page.getByRole('button', { name: 'Add access mode' }).click();
  await field(page, 'access_mode.0.type').selectOption('NodePort');
  await page.getByLabel('Scale automatically').check();
  await field(page, 'scale_strategy.max_replicas').fill('6');
  await page.getByRole('tab', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create workload' }).click();
  await page.waitForURL((u) => u.pathname === `/workloads/deployment/${name}`);
  await expect(page.getByRole('heading', { name })).toBeVisible();

  // Its YAML.
  await page.getByRole('tab', { name: 'YAML' }).click();
  const yaml = page.locator('.cm-content');
  await expect(yaml).toContainText('image: nginx:alpine');
  await expect(yaml).toContainText('configMapKeyRef');
  await expect(yaml).toContainText('readinessProbe');

  // Pods go Running, on the workload's Pods tab and on the pod dashboard it links to (filtered to the workload, live).
  await page.getByRole('tab', { name: 'Pods' }).click();
  const pods = page.getByRole('table', { name: 'Pods' });
  await expect(pods.getByRole('row').filter({ hasText: 'Running' })).toHaveCount(2, { timeout: 90_000 });
  await page.getByRole('link', { name: /pod dashboard/ }).click();
  await page.waitForURL((u) => u.pathname === '/pods' && u.searchParams.get('workload') === name && u.searchParams.get('namespace') === 'alpha');
  await expect(page.getByLabel('Workload')).toHaveValue(name);
  const dashboardRows = page.getByRole('table', { name: 'Pods' }).getByRole('row').filter({ has: page.getByRole('cell') });
  // The dashboard's first read of a fresh server lists the cluster into Pier's pod cache: slow on a loaded machine.
  await expect(dashboardRows).toHaveCount(2, { timeout: 60_000 });
  await expect(dashboardRows.filter({ hasText: 'Running' })).toHaveCount(2);
  await expect(dashboardRows.first()).toContainText(name);
  await expect(dashboardRows.first()).toContainText('nginx:alpine');
  await expect(page.getByTestId('live-state')).toHaveAttribute('data-state', 'live');
  await page.goBack();
  await page.waitForURL((u) => u.pathname === `/workloads/deployment/${name}`);
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

  // Stop, then start (each offered only when it would change something).
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeDisabled();
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByText('Stopped').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('ready-replicas')).toHaveText('0 / 0', { timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeDisabled();
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
  // Said at once, and the tab shows the object as the cluster answered it (not the text read before the save).
  await expect(page.getByText('Applied.')).toBeVisible();
  // spec.replicas is the first two-space `replicas:` line (status follows spec).
  await expect(page.locator('.cm-line').filter({ hasText: /^ {2}replicas: \d+$/ }).first()).toHaveText('  replicas: 3');
  await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();
  const liveReplicas = async () => {
    const token = await keystoneToken(request, 'admin', passwords.admin);
    const res = await request.get(`/k8s/local/apis/apps/v1/namespaces/alpha/deployments/${name}`, { headers: { authorization: `Bearer ${token}` } });
    return ((await res.json()) as { spec: { replicas: number } }).spec.replicas;
  };
  expect(await liveReplicas()).toBe(3);
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(page.getByTestId('ready-replicas')).toHaveText('3 / 3', { timeout: 90_000 });

  // Delete it with its Service.
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('Also delete their Services and Ingresses')).toBeChecked();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await page.waitForURL((u) => u.pathname === '/workloads');
  expect((await page.request.get(`${ECNS}/workloads/workload/${name}/?workload_type=Deployment`)).status()).toBe(404);
  const admin = { authorization: `Bearer ${await keystoneToken(request, 'admin', passwords.admin)}` };
  expect((await request.get(`/k8s/local/api/v1/namespaces/alpha/services/${name}`, { headers: admin })).status()).toBe(404);
});
