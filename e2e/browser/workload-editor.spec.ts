import type { Page } from '@playwright/test';
import { expect, passwords, test, uniqueName } from '../fixtures';

/**
 * The workload editor as the "Done when" tries it, as `dev`: a
 * Deployment of nginx:alpine with a readiness probe, an env from a ConfigMap
 * (made through the YAML API first), a NodePort access mode and an HPA; a
 * broken rule shown on its field; the YAML tab following the form and the
 * form following a replicas edit in YAML; the review diff; create; then an
 * edit of the image with its diff. What was made is checked through the API.
 */

async function signInAs(page: Page, name: string, password: string) {
  await page.goto('/login');
  await page.getByLabel(/User name|用户名/).fill(name);
  await page.getByLabel(/^(Password|密码)$/).fill(password);
  await page.getByRole('button', { name: /^(Sign in|登录)$/ }).click();
  await page.waitForURL((u) => u.pathname === '/');
}

/** The session's current namespace (ECNS keeps one per credential): the editor works there too. */
async function switchToAlpha(page: Page) {
  const projects = (await (await page.request.get('/api/ecns/eks/namespace/')).json()) as Array<{ project_name: string; project_id: string }>;
  const alpha = projects.find((p) => p.project_name === 'alpha');
  expect(alpha, 'dev sees project alpha').toBeTruthy();
  const r = await page.request.get(`/api/ecns/eks/namespace/${alpha!.project_id}/cluster/local/ns/alpha/`);
  expect(r.status()).toBe(200);
}

async function workloadOf(page: Page, name: string) {
  const r = await page.request.get(`/api/ecns/eks/workloads/workload/${name}/?workload_type=Deployment`);
  expect(r.status()).toBe(200);
  return (await r.json()).workload;
}

const field = (page: Page, path: string) => page.locator(`#wl-${path.replace(/\./g, '-')}`);

test('build a Deployment in the form, follow it in YAML, review, create, then edit its image', async ({ page }) => {
  test.setTimeout(180_000);
  const name = uniqueName('web');
  const settings = uniqueName('settings');
  await signInAs(page, 'dev', passwords.demo);
  await switchToAlpha(page);
  const made = await page.request.post(`/api/ecns/eks/_raw/ConfigMap/name/${settings}/`, {
    headers: { 'content-type': 'application/yaml' },
    data: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${settings}\ndata:\n  color: blue\n`,
  });
  expect(made.ok(), await made.text()).toBe(true);

  await page.goto('/workloads/new');
  await expect(page.getByRole('heading', { name: 'New workload' })).toBeVisible();

  // A rule of the zod schema, shown on its field as it is typed.
  await field(page, 'workload_base.name').fill('Bad_Name');
  await expect(page.locator('#wl-workload_base-name-error')).toContainText('lowercase letters');
  await field(page, 'workload_base.name').fill(name);
  await expect(page.locator('#wl-workload_base-name-error')).toHaveCount(0);
  await field(page, 'workload_base.replicas').fill('2');

  await field(page, 'containers.0.name').fill('nginx');
  await field(page, 'containers.0.image.image').fill('nginx');
  await field(page, 'containers.0.image.image_version').fill('alpine');

  await page.getByRole('button', { name: 'Add check' }).click();
  await field(page, 'containers.0.health.0.type').selectOption('readiness');
  await field(page, 'containers.0.health.0.protocol').selectOption('http');
  await field(page, 'containers.0.health.0.port').fill('80');
  await field(page, 'containers.0.health.0.path').fill('/');

  await page.getByRole('button', { name: 'Add variable' }).click();
  await field(page, 'containers.0.env.0.type').selectOption('ConfigMap');
  await field(page, 'containers.0.env.0.name').fill('COLOR');
  await field(page, 'containers.0.env.0.key').selectOption(settings);
  await field(page, 'containers.0.env.0.value').selectOption('color');

  await page.getByRole('button', { name: 'Add access mode' }).click();
  await field(page, 'access_mode.0.type').selectOption('NodePort');

  await page.getByLabel('Scale automatically').check();
  await field(page, 'scale_strategy.max_replicas').fill('5');

  // The YAML tab shows what the form says.
  await page.getByRole('tab', { name: 'YAML' }).click();
  const yaml = page.getByTestId('yaml-editor');
  await expect(yaml.locator('.cm-content')).toContainText('kind: Deployment');
  await expect(yaml.locator('.cm-content')).toContainText(`name: ${name}`);
  await expect(yaml.locator('.cm-content')).toContainText('image: nginx:alpine');
  await expect(yaml.locator('.cm-content')).toContainText('readinessProbe');
  await expect(yaml.locator('.cm-content')).toContainText('configMapKeyRef');
  await expect(yaml.locator('.cm-content')).toContainText(settings);
  // Boxes left unchecked say nothing: no empty or all-false securityContext.
  await expect(yaml.locator('.cm-content')).not.toContainText('securityContext');

  // Replicas changed in YAML: the form follows.
  const replicasLine = yaml.locator('.cm-line', { hasText: /^\s+replicas: 2$/ });
  await replicasLine.click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('3');
  await expect(yaml.locator('.cm-line', { hasText: /^\s+replicas: 3$/ })).toBeVisible();
  await expect(page.getByText('This is what the form makes')).toBeVisible();
  await page.getByRole('tab', { name: 'Form' }).click();
  await expect(field(page, 'workload_base.replicas')).toHaveValue('3');

  // The review lists every object that will be made.
  await page.getByRole('tab', { name: 'Review' }).click();
  const diff = page.getByTestId('yaml-diff');
  await expect(diff).toContainText('kind: Deployment');
  await expect(diff).toContainText('kind: Service');
  await expect(diff).toContainText('type: NodePort');
  await expect(diff).toContainText('kind: HorizontalPodAutoscaler');
  await expect(diff.locator('tr[data-op="del"]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Create workload' }).click();
  await page.waitForURL((u) => u.pathname === `/workloads/deployment/${name}`);

  const w = await workloadOf(page, name);
  expect(w.workload_base).toEqual({ name, type: 'Deployment', replicas: 3 });
  expect(w.containers[0].image).toMatchObject({ image: 'nginx', image_version: 'alpine' });
  expect(w.containers[0].health).toEqual([{ type: 'readiness', protocol: 'http', path: '/', port: 80 }]);
  expect(w.containers[0].env).toEqual([{ type: 'ConfigMap', name: 'COLOR', key: settings, value: 'color' }]);
  expect(w.access_mode[0]).toMatchObject({ type: 'NodePort', access: [expect.objectContaining({ port: 80, target_port: 80, protocol: 'TCP' })] });
  expect(w.scale_strategy).toMatchObject({ max_replicas: 5, resource: { cpu: 80 } });

  // Edit: a new image tag, its diff against the live Deployment, apply.
  await page.goto(`/workloads/deployment/${name}/edit`);
  await expect(field(page, 'workload_base.name')).toHaveValue(name);
  await expect(field(page, 'workload_base.name')).toBeDisabled();
  await field(page, 'containers.0.image.image_version').fill('1.27-alpine');
  // The live Deployment's YAML (with the fields the form does not show) goes back into the form.
  await page.getByRole('tab', { name: 'YAML' }).click();
  await expect(yaml.locator('.cm-content')).toContainText('image: nginx:1.27-alpine');
  await expect(page.getByText('This is what the form makes')).toBeVisible();
  await page.getByRole('tab', { name: 'Review' }).click();
  await expect(page.getByText('Apply runs these actions: containers', { exact: true })).toBeVisible();
  await expect(diff.locator('tr[data-op="del"]', { hasText: 'image: nginx:alpine' })).toBeVisible();
  await expect(diff.locator('tr[data-op="add"]', { hasText: 'image: nginx:1.27-alpine' })).toBeVisible();
  await page.getByRole('button', { name: 'Apply changes' }).click();
  await page.waitForURL((u) => u.pathname === `/workloads/deployment/${name}`);
  const after = await workloadOf(page, name);
  expect(after.containers[0].image.image_version).toBe('1.27-alpine');
  expect(after.containers[0].env).toEqual(w.containers[0].env);
});

test('in Chinese, the editor says its rules in Chinese', async ({ page, context, baseURL }) => {
  test.setTimeout(120_000);
  // The language by cookie (what the language switch sets before a user saves a choice): dev's own setting stays untouched.
  await context.addCookies([{ name: 'pier_locale', value: 'zh', url: baseURL! }]);
  await signInAs(page, 'dev', passwords.demo);
  await switchToAlpha(page);
  await page.goto('/workloads/new');
  await expect(page.getByRole('heading', { name: '创建负载' })).toBeVisible();
  await field(page, 'workload_base.name').fill('Bad_Name');
  await expect(page.locator('#wl-workload_base-name-error')).toHaveText('只能包含小写字母、数字和“-”，以字母开头，以字母或数字结尾');
  await field(page, 'workload_base.replicas').fill('20000');
  await expect(page.locator('#wl-workload_base-replicas-error')).toHaveText('最多 10000');
  await page.getByRole('button', { name: '添加检查' }).click();
  await field(page, 'containers.0.health.0.type').selectOption('liveness');
  await field(page, 'containers.0.health.0.success_threshold').fill('2');
  await expect(page.locator('#wl-containers-0-health-0-success_threshold-error')).toHaveText('liveness 检查必须为 1');
});
