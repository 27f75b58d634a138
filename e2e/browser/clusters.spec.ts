import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, passwords, test, uniqueName } from '../fixtures';

/**
 * An admin registers a cluster by uploading a kubeconfig file (the one Pier
 * hands out for its own simulated cluster `local`, so a real kubeconfig
 * driver path runs end to end), tests the connection, reads its nodes with
 * capacity, and marks a node of `local` NotReady; a broken kubeconfig shows
 * the server's reason on the field.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'pier-clusters-e2e-'));
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function signInAs(page: Page, name: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/User name|用户名/).fill(name);
  await page.getByLabel(/^(Password|密码)$/).fill(password);
  await page.getByRole('button', { name: /^(Sign in|登录)$/ }).click();
  await page.waitForURL((u) => u.pathname === '/');
}

test('admin registers a cluster from a kubeconfig file, tests it, reads its nodes, and marks a node NotReady', async ({ page, adminApi }) => {
  test.setTimeout(180_000);
  const res = await adminApi.get('/api/pier/clusters/local/kubeconfig');
  expect(res.status()).toBe(200);
  const file = path.join(dir, 'local.kubeconfig');
  writeFileSync(file, await res.text());
  const name = uniqueName('reg');

  await signInAs(page, 'admin', passwords.admin);
  await page.goto('/clusters');
  await page.getByRole('button', { name: 'Register cluster' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Type').selectOption('EOS');
  await dialog.locator('input[type=file]').setInputFiles(file);
  await expect(dialog.getByLabel('Kubeconfig')).toHaveValue(/current-context:/);
  await dialog.getByRole('button', { name: 'Register cluster' }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: `Nodes of ${name}` }) });
  await expect(row).toContainText('kubeconfig');
  await expect(row).toContainText('EOS');
  await row.getByRole('button', { name: `Test connection ${name}` }).click();
  await expect(row).toContainText('v1.30.0-pier-sim');

  await row.getByRole('link', { name: `Nodes of ${name}` }).click();
  await page.waitForURL(`**/clusters/${name}`);
  const worker = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'worker-1', exact: true }) });
  await expect(worker).toContainText('Ready');
  // Capacity: cores · memory · pods.
  await expect(worker).toContainText(/\d+(\.\d+)? · [\d.]+ \w+ · \d+/);
  await worker.getByRole('link', { name: 'worker-1', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Node worker-1' })).toBeVisible();
  // A registered (kubeconfig) cluster is read only; readiness is set on simulated clusters.
  await expect(page.getByRole('button', { name: 'Mark NotReady' })).toHaveCount(0);

  await page.goto('/clusters/local/nodes/worker-3');
  await page.getByRole('button', { name: 'Mark NotReady' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Mark NotReady' }).click();
  const conditions = page.getByRole('table', { name: 'Conditions' });
  await expect(conditions.getByRole('row').filter({ hasText: 'KubeletNotReady' })).toContainText('False');
  // Put it back, so other specs find every worker Ready.
  await page.getByRole('button', { name: 'Mark Ready' }).click();
  await expect(conditions.getByRole('row').filter({ hasText: 'KubeletReady' })).toContainText('True');

  // Clean up: remove the registered cluster (the simulated cluster is untouched).
  await page.goto('/clusters');
  await page.getByRole('button', { name: `Remove ${name}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByRole('link', { name: `Nodes of ${name}` })).toHaveCount(0);
});

test('a broken kubeconfig is refused with the reason on the field, and nothing is registered', async ({ page }) => {
  const file = path.join(dir, 'broken.kubeconfig');
  writeFileSync(file, 'apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncontexts: []\n');
  const name = uniqueName('broken');
  await signInAs(page, 'admin', passwords.admin);
  await page.goto('/clusters');
  await page.getByRole('button', { name: 'Register cluster' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(name);
  await dialog.locator('input[type=file]').setInputFiles(file);
  await dialog.getByRole('button', { name: 'Register cluster' }).click();
  const field = dialog.getByLabel('Kubeconfig');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.locator('#cluster-kubeconfig-error')).toContainText(/current-context/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('link', { name: `Nodes of ${name}` })).toHaveCount(0);
});
