import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { test as base, expect, type Page } from '@playwright/test';
import { demoDockerSave } from '../../lib/registry/catalog/demo-archives';
import { E2E_ADMIN_PASSWORD, E2E_DEMO_PASSWORD, E2E_PORT } from '../playwright.config';

/**
 * The images issue's "Done when": a developer creates a private workspace,
 * uploads a docker save archive (made here: there is no docker) with the
 * progress bar moving, sees the tag with its size and pull command, skopeo
 * finds it in the registry, deletes it and it is gone from both; an admin
 * runs GC and watches it finish.
 */
const run = promisify(execFile);
const registryDir = path.join(os.tmpdir(), `pier-e2e-${E2E_PORT}`, 'registry');

async function inRegistry(ref: string): Promise<string | null> {
  try {
    const { stdout } = await run('/usr/bin/skopeo', ['--insecure-policy', 'inspect', `oci:${registryDir}:${ref}`]);
    return (JSON.parse(stdout) as { Digest: string }).Digest;
  } catch {
    return null;
  }
}

const test = base.extend<{ signIn: (name: string, password: string) => Promise<void>; archive: string }>({
  signIn: async ({ page }, provide) => {
    await provide(async (name, password) => {
      await page.goto('/login');
      await page.getByLabel(/User name|用户名/).fill(name);
      await page.getByLabel(/^(Password|密码)$/).fill(password);
      await page.getByRole('button', { name: /^(Sign in|登录)$/ }).click();
      await page.waitForURL((u) => u.pathname === '/');
    });
  },
  archive: async ({}, provide) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pier-e2e-archive-'));
    const file = path.join(dir, 'webapp.tar');
    // A few MB of incompressible-enough content, so the upload takes more than one progress event.
    const blob = Array.from({ length: 40_000 }, (_, i) => `${i.toString(36)}-${(i * 7919) % 104729}`).join('\n');
    writeFileSync(file, demoDockerSave({ name: 'e2e/webapp', tags: ['1.0'], created: '2026-11-01T00:00:00Z', layers: [{ 'srv/data.txt': blob.repeat(6) }, { 'etc/app.conf': 'port=8080\n' }] }));
    await provide(file);
    rmSync(dir, { recursive: true, force: true });
  },
});

async function signOut(page: Page) {
  await page.getByRole('navigation').getByRole('button', { name: /Sign out|退出登录/ }).click();
  await page.waitForURL((u) => u.pathname === '/login');
}

test('private workspace, upload with progress, tag and pull command, delete, GC', async ({ page, signIn, archive }) => {
  const ws = `e2e-${Date.now().toString(36)}`;
  await signIn('dev', E2E_DEMO_PASSWORD);
  await page.goto('/images');
  await page.getByRole('button', { name: 'New workspace' }).click();
  const create = page.getByRole('dialog', { name: 'New workspace' });
  await create.getByLabel('Name').fill(ws);
  await create.getByRole('button', { name: 'Create' }).click();
  const row = page.getByRole('row').filter({ hasText: ws });
  await expect(row).toContainText('Private');

  await row.getByRole('link', { name: ws }).click();
  await page.waitForURL(`**/images/ws/${ws}`);
  await page.getByRole('button', { name: 'Upload image' }).click();
  const dialog = page.getByRole('dialog', { name: 'Upload an image archive' });
  await dialog.getByLabel('Archive').setInputFiles(archive);
  const watch = dialog.getByRole('progressbar', { name: 'Sending the archive' });
  await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
  // The bar appears while sending and ends full.
  await expect(watch).toBeVisible();
  await expect(watch).toHaveAttribute('aria-valuenow', '100');
  await expect(page.getByText(`Done: ${ws}/webapp:1.0`)).toBeVisible({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Close' }).last().click();

  await page.getByRole('link', { name: 'webapp' }).click();
  await page.waitForURL(`**/images/ws/${ws}/webapp`);
  const tagRow = page.getByRole('row').filter({ hasText: '1.0' });
  await expect(tagRow).toContainText(/KiB|MiB/);
  await expect(tagRow).toContainText('27.3.1');
  await expect(tagRow.locator('code')).toHaveText(new RegExp(`^docker pull \\S+/${ws}/webapp:1\\.0$`));
  await expect(tagRow.getByRole('button', { name: 'Copy the pull command of 1.0' })).toBeVisible();
  const digest = await inRegistry(`${ws}/webapp:1.0`);
  expect(digest).toMatch(/^sha256:/);
  await expect(tagRow.locator('span[title^="sha256:"]')).toHaveAttribute('title', digest!);

  await tagRow.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Delete selected (1)' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('This repository has no tags.')).toBeVisible();
  expect(await inRegistry(`${ws}/webapp:1.0`)).toBeNull();

  await signOut(page);
  await signIn('admin', E2E_ADMIN_PASSWORD);
  await page.goto('/images/storage');
  await page.getByRole('button', { name: 'Run garbage collection' }).click();
  await expect(page.getByText(/unreferenced blobs removed/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Status:').locator('..')).toContainText('Finished');
});
