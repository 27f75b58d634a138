import type { Page } from '@playwright/test';
import { expect, passwords, signedIn, test, uniqueName } from '../fixtures';

/**
 * Issue 5's "Done when", in Chromium with the demo users: `dev` saves an
 * application version through the /apps form and asks for a deployment;
 * `ops` sees it counted in the navigation and waiting in the audit queue,
 * reads the diff and approves; it reaches success with running = replicas.
 * `dev` asks for 1.1, `ops` rejects it (a comment is required) and 1.0 keeps
 * running while `dev` reads the comment. Then 1.1 for real (bulk approve),
 * a rollback to 1.0 and a delete, all through the queue; a second admin
 * deciding an already decided request is told so in words.
 */
/** The audit queue's row link for the newest waiting request of this deployment. */
async function openWaiting(ops: Page, deployName: string): Promise<void> {
  await ops.goto('/audit');
  const row = ops.getByRole('row').filter({ hasText: deployName });
  await expect(row).toHaveCount(1);
  await row.getByRole('link', { name: /^Open request \d+$/ }).click();
  await expect(ops.getByRole('heading', { name: new RegExp(`^Request \\d+: .* of ${deployName}$`) })).toBeVisible();
}

test('dev deploys, ops approves from the queue with the diff, rejects an upgrade with a comment; rollback and delete go through the queue', async ({ browser }) => {
  test.setTimeout(420_000);
  const app = uniqueName('shop');
  const dev = await signedIn(browser, 'dev', passwords.demo);
  const ops = await signedIn(browser, 'ops', passwords.demo);

  // dev: version 1.0 through the application form.
  await dev.goto('/apps/new');
  await dev.getByLabel('Application name').fill(app);
  await dev.getByLabel('Version', { exact: true }).fill('1.0');
  await dev.getByLabel('Image reference').fill('nginx:alpine');
  await dev.getByLabel('Replicas', { exact: true }).fill('2');
  await dev.getByLabel('Maximum replicas').fill('2');
  await dev.getByRole('button', { name: 'Save version' }).click();
  await dev.waitForURL(`**/apps/${app}/1.0`);
  // 1.1 through the API, with dev's own session.
  const v11 = await dev.request.post('/v1/app', {
    data: {
      appName: app, version: '1.1', image: 'nginx:1.27', deployType: 'deployment', replicas: 2, minReplicas: 1, maxReplicas: 2, isHPA: false,
      minCPU: 10, maxCPU: 100, minMemory: 32, maxMemory: 128, port: [], volume: [], env: [], command: '',
      maxUnavailable: 0, maxSurge: 1, minReadySeconds: 0, targetCPUUtilization: 80, targetMemUtilization: 80, projectName: 'alpha',
    },
  });
  expect(v11.status(), await v11.text()).toBe(200);

  // dev asks for a deployment of 1.0 on the cluster `local`.
  await dev.goto(`/deployments/new?app=${app}&version=1.0`);
  await expect(dev.getByLabel('Version')).toHaveValue('1.0');
  await dev.getByLabel('Deployment name').fill(app);
  await dev.getByRole('radio', { name: 'One cluster' }).check();
  await dev.getByLabel('Cluster', { exact: true }).selectOption('local');
  await dev.getByLabel('Comment').fill('first release');
  await dev.getByRole('button', { name: 'Send request' }).click();
  await dev.waitForURL(/\/deployments\/\d+$/);
  const deploymentUrl = dev.url();
  await expect(dev.getByText('New to 1.0 waits for approval.')).toBeVisible();

  // ops: the badge counts it; the queue lists it; the request page shows the diff.
  await ops.goto('/audit');
  await expect(ops.getByTestId('audit-pending-count')).toBeVisible();
  await openWaiting(ops, app);
  await expect(ops.getByText('first release')).toBeVisible();
  const onLocal = ops.getByRole('region', { name: 'What changes on local' });
  await expect(onLocal.getByText(`Deployment/${app}`)).toBeVisible();
  await expect(onLocal.getByText('create', { exact: true }).first()).toBeVisible();
  await ops.getByRole('button', { name: 'Approve' }).click();
  await expect(ops.getByText('Approved. The rollout starts now.')).toBeVisible();

  // dev: success with running = replicas.
  await dev.reload();
  await expect(dev.getByTestId('deployment-status')).toContainText('Succeeded', { timeout: 120_000 });
  await expect(dev.getByTestId('current-version')).toHaveText('1.0');
  await expect(dev.getByLabel('2 running · 0 failing · 2 total').first()).toBeVisible({ timeout: 30_000 });

  // dev asks for 1.1; the dialog shows the image change before sending.
  await dev.getByRole('button', { name: 'Upgrade' }).click();
  const up = dev.getByRole('dialog', { name: `Upgrade ${app}` });
  await expect(up.getByLabel('Version')).toHaveValue('1.1');
  await expect(up.getByText('nginx:1.27').first()).toBeVisible();
  await up.getByRole('button', { name: 'Send request' }).click();
  await expect(dev.getByText(/Request \d+ sent: it waits in the audit queue\./)).toBeVisible();

  // ops rejects: first without a comment (refused in the form), then with one.
  await openWaiting(ops, app);
  await expect(ops.getByRole('region', { name: 'What changes on local' }).getByText('spec.template.spec.containers[0].image')).toBeVisible();
  await ops.getByRole('button', { name: 'Reject' }).click();
  await expect(ops.getByText('Say why you reject it: the requester sees this comment.')).toBeVisible();
  await ops.getByLabel('Comment').fill('freeze week');
  await ops.getByRole('button', { name: 'Reject' }).click();
  await expect(ops.getByText('Rejected. What runs stays as it is.')).toBeVisible();

  // dev reads the decision; 1.0 keeps running.
  await dev.goto(deploymentUrl);
  await expect(dev.getByText('ops rejected Upgrade to 1.1: “freeze week”')).toBeVisible();
  await expect(dev.getByTestId('current-version')).toHaveText('1.0');
  await expect(dev.getByLabel('2 running · 0 failing · 2 total').first()).toBeVisible();

  // 1.1 again, approved with bulk approve this time.
  await dev.getByRole('button', { name: 'Upgrade' }).click();
  await dev.getByRole('dialog', { name: `Upgrade ${app}` }).getByRole('button', { name: 'Send request' }).click();
  await expect(dev.getByText(/Request \d+ sent/)).toBeVisible();
  await ops.goto('/audit');
  const row = ops.getByRole('row').filter({ hasText: app });
  await row.getByRole('checkbox').check();
  await ops.getByRole('button', { name: 'Approve selected (1)' }).click();
  await ops.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
  await expect(ops.getByText('1 approved.')).toBeVisible();
  await dev.reload();
  await expect(dev.getByTestId('current-version')).toHaveText('1.1', { timeout: 120_000 });
  await expect(dev.getByTestId('deployment-status')).toContainText('Succeeded', { timeout: 120_000 });

  // Rollback to 1.0 through the queue.
  await dev.getByRole('button', { name: 'Roll back' }).click();
  const back = dev.getByRole('dialog', { name: `Roll back ${app}` });
  await expect(back.getByLabel('Version')).toHaveValue('1.0');
  await back.getByLabel('Comment').fill('1.1 is slow');
  await back.getByRole('button', { name: 'Send request' }).click();
  await expect(dev.getByText(/Request \d+ sent/)).toBeVisible();
  await openWaiting(ops, app);
  await ops.getByRole('button', { name: 'Approve' }).click();
  await expect(ops.getByText('Approved. The rollout starts now.')).toBeVisible();
  await dev.reload();
  await expect(dev.getByTestId('current-version')).toHaveText('1.0', { timeout: 120_000 });
  await expect(dev.getByTestId('deployment-status')).toContainText('Rollback', { timeout: 120_000 });
  await expect(dev.getByTestId('deployment-status')).toContainText('Succeeded', { timeout: 120_000 });

  // Delete through the queue; a second administrator deciding it too is told it was decided.
  await dev.getByRole('button', { name: 'Delete' }).click();
  const del = dev.getByRole('dialog', { name: `Delete ${app}` });
  await expect(del.getByText('delete', { exact: true }).first()).toBeVisible();
  await del.getByRole('button', { name: 'Send request' }).click();
  await expect(dev.getByText(/Request \d+ sent/)).toBeVisible();
  const admin = await signedIn(browser, 'admin', passwords.admin);
  await openWaiting(ops, app);
  await admin.goto(ops.url());
  // The admin's page must have read the request while it still waited (its list loads after the
  // page's load event; read after ops's decision it rightly shows no Approve button at all).
  await expect(admin.getByRole('button', { name: 'Approve' })).toBeVisible();
  await ops.getByRole('button', { name: 'Approve' }).click();
  await expect(ops.getByText('Approved. The rollout starts now.')).toBeVisible();
  await admin.getByRole('button', { name: 'Approve' }).click();
  await expect(admin.getByText(/Someone decided this request already/)).toBeVisible();
  await dev.reload();
  await expect(dev.getByTestId('deployment-status')).toContainText('Deleted', { timeout: 120_000 });
  // The timeline keeps every request: new, rejected upgrade, upgrade, rollback, delete.
  await expect(dev.getByRole('list', { name: 'Timeline' }).getByRole('listitem')).toHaveCount(5);
});
