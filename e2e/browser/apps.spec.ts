import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { chartPackage } from '../../lib/catalog/testing/fixtures';
import { E2E_DEMO_PASSWORD } from '../playwright.config';

/**
 * The application pages as a developer uses them: the form refuses a CPU
 * range upside down while it is typed, shows the Kubernetes YAML, saves 1.0;
 * a second version from the first; their diff; a chart upload (a broken
 * package refused first). A visitor is not offered the form.
 */
const test = base.extend<{ signIn: (name: string) => Promise<void>; files: { chart: string; broken: string } }>({
  signIn: async ({ page }, provide) => {
    await provide(async (name) => {
      await page.goto('/login');
      await page.getByLabel(/User name|用户名/).fill(name);
      await page.getByLabel(/^(Password|密码)$/).fill(E2E_DEMO_PASSWORD);
      await page.getByRole('button', { name: /^(Sign in|登录)$/ }).click();
      await page.waitForURL((u) => u.pathname === '/');
    });
  },
  files: async ({}, provide) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pier-e2e-chart-'));
    const chart = path.join(dir, 'web-0.1.0.tgz');
    const broken = path.join(dir, 'broken.tgz');
    writeFileSync(chart, chartPackage({ name: 'web' }));
    writeFileSync(broken, 'this is not a gzip archive');
    await provide({ chart, broken });
    rmSync(dir, { recursive: true, force: true });
  },
});

async function signOut(page: Page) {
  await page.getByRole('navigation').getByRole('button', { name: /Sign out|退出登录/ }).click();
  await page.waitForURL((u) => u.pathname === '/login');
}

test('create 1.0 through the form, add 1.1, diff them, upload a chart; a visitor gets no form', async ({ page, signIn, files }) => {
  // Three versions, a diff and two uploads: more steps than the default minute allows on a shared machine.
  test.setTimeout(180_000);
  const app = `shop-${Date.now().toString(36)}`;
  await signIn('dev');
  await page.goto('/apps');
  await page.getByRole('link', { name: 'New application' }).click();
  await page.waitForURL('**/apps/new');

  const form = page.getByRole('form', { name: 'New application' });
  await form.getByLabel('Application name').fill(app);
  await form.getByLabel('Image reference').fill('nginx:1.27');
  // The rule shows while typing: minimum CPU above the maximum.
  await form.getByLabel('Maximum CPU (%)').fill('100');
  await form.getByLabel('Minimum CPU (%)').fill('200');
  const minCpuError = page.locator('#app-min-cpu-error');
  await expect(minCpuError).toHaveText('at most maxCPU');
  await expect(page.getByText('The form has errors; the preview shows the last valid state.')).toBeVisible();
  await form.getByLabel('Maximum CPU (%)').fill('300');
  await expect(minCpuError).toHaveCount(0);
  await form.getByRole('button', { name: 'Add port' }).click();
  await form.getByRole('spinbutton', { name: 'Container port', exact: true }).fill('8080');

  const preview = page.getByLabel('YAML preview', { exact: true }).locator('pre');
  await expect(preview).toContainText('kind: Deployment');
  await expect(preview).toContainText(`name: ${app}`);
  await expect(preview).toContainText('image: nginx:1.27');
  await expect(preview).toContainText('cpu: 2000m');
  await expect(preview).toContainText('kind: Service');
  await expect(preview).toContainText('containerPort: 8080');

  await form.getByRole('button', { name: 'Save version' }).click();
  await page.waitForURL(`**/apps/${app}/1.0`);
  await expect(page.getByRole('heading', { name: `${app} 1.0` })).toBeVisible();
  await expect(page.getByLabel('Kubernetes objects', { exact: true })).toContainText('image: nginx:1.27');
  await expect(page.getByRole('link', { name: 'Deploy this version' })).toHaveAttribute('href', new RegExp(`app=${app}&version=1\\.0`));

  // A new version, filled in from 1.0.
  await page.getByRole('link', { name: 'New version' }).click();
  await page.waitForURL(`**/apps/new?app=${app}`);
  const next = page.getByRole('form', { name: `New version of ${app}` });
  await expect(next.getByLabel('Image reference')).toHaveValue('nginx:1.27');
  await expect(next.getByLabel('Minimum CPU (%)')).toHaveValue('200');
  await next.getByLabel('Version').fill('1.0');
  await next.getByLabel('Image reference').fill('nginx:1.28');
  await next.getByRole('button', { name: 'Save version' }).click();
  // The server's 409 lands on the field it concerns.
  await expect(page.locator('#app-version-error')).toHaveText('This application already has this version.');
  await next.getByLabel('Version').fill('1.1');
  await next.getByRole('button', { name: 'Save version' }).click();
  await page.waitForURL(`**/apps/${app}/1.1`);

  // Diff 1.0 against 1.1.
  await page.getByRole('navigation', { name: 'Location' }).getByRole('link', { name: app }).click();
  await page.waitForURL(`**/apps/${app}`);
  await page.getByRole('checkbox', { name: 'Compare version 1.0' }).check();
  await page.getByRole('checkbox', { name: 'Compare version 1.1' }).check();
  const specDiff = page.getByRole('table', { name: 'Spec fields' });
  await expect(specDiff.getByRole('row').filter({ hasText: /^image/ })).toContainText('nginx:1.27');
  await expect(specDiff.getByRole('row').filter({ hasText: /^image/ })).toContainText('nginx:1.28');
  const objDiff = page.getByRole('table', { name: `Deployment/${app}` });
  await expect(objDiff).toContainText('spec.template.spec.containers[0].image');
  await expect(objDiff).toContainText('nginx:1.28');

  // A chart: a broken package is refused with the reason, then a good one is stored and shown.
  await page.getByRole('button', { name: 'Upload chart' }).click();
  const dialog = page.getByRole('dialog', { name: 'Upload a Helm chart' });
  await expect(dialog.getByLabel('Application name')).toHaveValue(app);
  await dialog.getByLabel('Version').fill('2.0');
  await dialog.getByLabel('Chart package').setInputFiles(files.broken);
  await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('Refused: chart:');
  await dialog.getByLabel('Chart package').setInputFiles(files.chart);
  await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(dialog.getByRole('progressbar', { name: 'Sending' })).toHaveAttribute('aria-valuenow', '100');
  await expect(dialog.getByText(`Stored ${app} 2.0 as chart web 0.1.0.`)).toBeVisible();
  await dialog.getByRole('link', { name: 'Open the version' }).click();
  await page.waitForURL(`**/apps/${app}/2.0`);
  await expect(page.getByLabel('values.yaml', { exact: true })).toContainText('replicaCount: 2');
  await expect(page.getByRole('heading', { name: 'templates/deployment.yaml' })).toBeVisible();
  await expect(page.getByLabel('templates/deployment.yaml', { exact: true })).toContainText('{{ .Release.Name }}');

  // The list shows the application once, with its three versions.
  await page.goto('/apps');
  const row = page.getByRole('row').filter({ hasText: app });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('2.0');
  await expect(row.getByRole('cell').nth(1)).toHaveText('3');

  await signOut(page);
  await signIn('guest');
  await page.goto('/apps');
  await expect(page.getByRole('row').filter({ hasText: app })).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'New application' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Delete version/ })).toHaveCount(0);
  await page.goto(`/apps/new?app=${app}`);
  await expect(page.getByText('Visitors can read applications but not create or change them.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save version' })).toHaveCount(0);
});
