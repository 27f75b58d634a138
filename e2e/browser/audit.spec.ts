import type { APIRequestContext, APIResponse, Page, PlaywrightWorkerArgs } from '@playwright/test';
import { E2E_BASE_URL } from '../playwright.config';
import { expect, passwords, signIn, signedIn, test, uniqueName } from '../fixtures';

/**
 * The audit queue as administrators use it (issue 5): the pending count
 * beside "Audit queue" in the navigation, the Waiting tab's columns, bulk
 * approve of two requests, reject refused without a comment, the Decided
 * tab narrowed by status, project and application, each administrator
 * seeing their own scope (`ops`: department Demo; a second department's
 * admin made here: only theirs; `admin`: everything), and a developer
 * getting a sentence instead of the queue.
 */
const OTHER_PASSWORD = 'other-dept-pass';

async function apiAs(playwright: PlaywrightWorkerArgs['playwright'], request: APIRequestContext, name: string, password: string): Promise<APIRequestContext> {
  const cookie = await signIn(request, name, password);
  return playwright.request.newContext({ baseURL: E2E_BASE_URL, extraHTTPHeaders: { cookie } });
}

async function created<T>(res: Promise<APIResponse>, status = 201): Promise<T> {
  const r = await res;
  expect(r.status(), await r.text()).toBe(status);
  return (await r.json()) as T;
}

/** A version of a one-replica application in `project`, through ote's API. */
async function appVersion(api: APIRequestContext, appName: string, project: string): Promise<void> {
  await created(api.post('/v1/app', {
    data: {
      appName, version: '1.0', image: 'nginx:1.27', deployType: 'deployment', replicas: 1, minReplicas: 1, maxReplicas: 1, isHPA: false,
      minCPU: 10, maxCPU: 100, minMemory: 32, maxMemory: 64, port: [], volume: [], env: [], command: '',
      maxUnavailable: 0, maxSurge: 1, minReadySeconds: 0, targetCPUUtilization: 80, targetMemUtilization: 80, projectName: project,
    },
  }), 200);
}

async function ask(api: APIRequestContext, deployName: string, appName: string, project: string): Promise<number> {
  const r = await created<{ requestId: number; status: number }>(api.post('/api/pier/deploy/deployments', {
    data: { deployName, appName, version: '1.0', cluster: 'local', nodeLabel: '', comment: `please deploy ${deployName}`, projectName: project },
  }));
  expect(r.status).toBe(0);
  return r.requestId;
}

/** The navigation's pending count (0 when the badge is not shown). */
async function badge(page: Page): Promise<number> {
  const b = page.getByTestId('audit-pending-count');
  return (await b.count()) ? Number(await b.textContent()) : 0;
}

const waitingRow = (page: Page, deployName: string) => page.getByRole('table', { name: 'Waiting' }).getByRole('row').filter({ hasText: deployName });

test('administrators work the audit queue in their own scope; reject needs a comment; the decided tab filters; developers get a sentence', async ({ browser, playwright, request, adminApi }) => {
  test.setTimeout(300_000);

  // A second department with its own administrator, project and developer.
  const deptName = uniqueName('Dept');
  const dept = await created<{ id: string }>(adminApi.post('/api/pier/departments', { data: { name: deptName, description: 'audit spec' } }));
  const otherProject = uniqueName('aud');
  const proj = await created<{ id: string }>(adminApi.post('/api/pier/projects', { data: { departmentId: dept.id, name: otherProject, description: '' } }));
  const otherAdmin = uniqueName('oadm');
  const otherDev = uniqueName('odev');
  await created(adminApi.post('/api/pier/users', { data: { name: otherAdmin, role: 'admin', departmentId: dept.id, password: OTHER_PASSWORD } }));
  await created(adminApi.post('/api/pier/users', { data: { name: otherDev, role: 'developer', departmentId: dept.id, password: OTHER_PASSWORD, projectIds: [proj.id] } }));

  const ops = await signedIn(browser, 'ops', passwords.demo);
  await ops.goto('/audit');
  await expect(ops.getByRole('tab', { name: 'Waiting' })).toHaveAttribute('aria-selected', 'true');
  const opsBefore = await badge(ops);

  // dev asks for three deployments in alpha; the other department's developer for one in theirs.
  const dev = await apiAs(playwright, request, 'dev', passwords.demo);
  const app = uniqueName('queue');
  await appVersion(dev, app, 'alpha');
  const [d1, d2, d3] = [uniqueName('qa'), uniqueName('qb'), uniqueName('qc')];
  const [r1, r2, r3] = [await ask(dev, d1, app, 'alpha'), await ask(dev, d2, app, 'alpha'), await ask(dev, d3, app, 'alpha')];
  const odev = await apiAs(playwright, request, otherDev, OTHER_PASSWORD);
  const otherApp = uniqueName('other');
  await appVersion(odev, otherApp, otherProject);
  const dOther = uniqueName('qo');
  const rOther = await ask(odev, dOther, otherApp, otherProject);

  // ops: the badge counts the three of Demo, not the other department's; the Waiting tab lists them with every column.
  await ops.reload();
  await expect(ops.getByTestId('audit-pending-count')).toHaveText(String(opsBefore + 3));
  await expect(ops.getByTestId('audit-pending-count')).toHaveAccessibleName(`${opsBefore + 3} waiting`);
  const headers = ops.getByRole('table', { name: 'Waiting' }).getByRole('columnheader');
  await expect(headers.first().getByRole('checkbox', { name: 'Select all on this page' })).toBeVisible();
  await expect(headers).toHaveText(['', '#', 'Application', 'Type', 'Version', 'Project', 'Requested by', 'Clusters', 'Deployment', 'Waiting']);
  const row1 = waitingRow(ops, d1);
  await expect(row1).toHaveCount(1);
  await expect(row1.getByRole('cell')).toHaveText(['', String(r1), app, 'New', '1.0', 'alpha', 'dev', 'local', d1, /^\d+ (s|min)$/]);
  await expect(waitingRow(ops, dOther)).toHaveCount(0);

  // The other department's admin sees only theirs, counted; the system admin sees both.
  const oadmin = await signedIn(browser, otherAdmin, OTHER_PASSWORD);
  await oadmin.goto('/audit');
  await expect(waitingRow(oadmin, dOther)).toHaveCount(1);
  await expect(oadmin.getByTestId('audit-pending-count')).toHaveText('1');
  await expect(waitingRow(oadmin, d1)).toHaveCount(0);
  await expect(oadmin.getByRole('table', { name: 'Waiting' }).getByRole('row')).toHaveCount(2);
  const admin = await signedIn(browser, 'admin', passwords.admin);
  await admin.goto('/audit');
  await expect(waitingRow(admin, dOther)).toHaveCount(1);
  await expect(waitingRow(admin, d1)).toHaveCount(1);
  // A request of another department is not there for ops at all: its page is a 404, not the request.
  await ops.goto(`/audit/${rOther}`);
  await expect(ops.getByRole('heading', { name: new RegExp(`of ${dOther}$`) })).toHaveCount(0);
  await expect(ops.getByText(`deployment request ${rOther} not found`)).toBeVisible({ timeout: 20_000 });

  // Bulk approve d1 and d2.
  await ops.goto('/audit');
  const approveSelected = ops.getByRole('button', { name: /^Approve selected/ });
  await expect(approveSelected).toBeDisabled();
  await ops.getByRole('checkbox', { name: `Select request ${r1}` }).check();
  await ops.getByRole('checkbox', { name: `Select request ${r2}` }).check();
  await expect(approveSelected).toHaveText('Approve selected (2)');
  await approveSelected.click();
  const dialog = ops.getByRole('dialog', { name: 'Approve 2 requests' });
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(ops.getByText('2 approved.')).toBeVisible();
  await expect(waitingRow(ops, d1)).toHaveCount(0);
  await expect(waitingRow(ops, d2)).toHaveCount(0);
  await expect(waitingRow(ops, d3)).toHaveCount(1);
  await expect(ops.getByTestId('audit-pending-count')).toHaveText(String(opsBefore + 1));

  // Reject d3: refused without a comment (nothing sent, still waiting), then with one.
  await waitingRow(ops, d3).getByRole('link', { name: `Open request ${r3}` }).click();
  await expect(ops.getByRole('heading', { name: `Request ${r3}: New of ${d3}` })).toBeVisible();
  await ops.getByRole('button', { name: 'Reject' }).click();
  await expect(ops.getByText('Say why you reject it: the requester sees this comment.')).toBeVisible();
  await ops.getByLabel('Comment', { exact: true }).fill('   ');
  await ops.getByRole('button', { name: 'Reject' }).click();
  await expect(ops.getByText('Say why you reject it: the requester sees this comment.')).toBeVisible();
  const asOps = await apiAs(playwright, request, 'ops', passwords.demo);
  expect((await created<{ request: { status: number } }>(asOps.get(`/api/pier/deploy/requests/${r3}`), 200)).request.status).toBe(0);
  await ops.getByLabel('Comment', { exact: true }).fill('not this week');
  await ops.getByRole('button', { name: 'Reject' }).click();
  await expect(ops.getByText('Rejected. What runs stays as it is.')).toBeVisible();
  expect((await created<{ request: { status: number; auditComment: string } }>(asOps.get(`/api/pier/deploy/requests/${r3}`), 200)).request).toMatchObject({ status: 2, auditComment: 'not this week' });

  // Decided tab: the three of this application; status, project and application narrow it.
  await ops.goto('/audit');
  await ops.getByRole('tab', { name: 'Decided' }).click();
  const decided = ops.getByRole('table', { name: 'Decided' });
  const decidedRow = (name: string) => decided.getByRole('row').filter({ hasText: name });
  await ops.getByLabel('Application').fill(app);
  await expect(decided.getByRole('row')).toHaveCount(4);
  for (const r of [r1, r2, r3]) await expect(decided.getByRole('link', { name: `Open request ${r}` })).toBeVisible();
  await expect(decidedRow(String(r3)).filter({ hasText: 'not this week' })).toHaveCount(1);
  await ops.getByLabel('Status').selectOption({ label: 'Rejected' });
  await expect(decided.getByRole('row')).toHaveCount(2);
  await expect(decided.getByRole('link', { name: `Open request ${r3}` })).toBeVisible();
  await ops.getByLabel('Status').selectOption({ label: 'Any decided status' });
  await ops.getByRole('textbox', { name: 'Project' }).fill('beta');
  await expect(ops.getByText('No decided request matches.')).toBeVisible();
  await ops.getByRole('textbox', { name: 'Project' }).fill('alpha');
  await expect(decided.getByRole('row')).toHaveCount(4);
  await ops.getByLabel('Application').fill(otherApp);
  await expect(ops.getByText('No decided request matches.')).toBeVisible();

  // The other department's admin decides theirs; ops never sees it among the decided either.
  await oadmin.goto(`/audit/${rOther}`);
  await oadmin.getByLabel('Comment', { exact: true }).fill('spec cleanup');
  await oadmin.getByRole('button', { name: 'Reject' }).click();
  await expect(oadmin.getByText('Rejected. What runs stays as it is.')).toBeVisible();
  await expect(oadmin.getByTestId('audit-pending-count')).toHaveCount(0);
  await ops.getByRole('textbox', { name: 'Project' }).fill('');
  await expect(ops.getByText('No decided request matches.')).toBeVisible();

  // dev: no queue, a sentence; no badge.
  const devPage = await signedIn(browser, 'dev', passwords.demo);
  await devPage.goto('/audit');
  await expect(devPage.getByText('The audit queue is for department and system administrators.', { exact: false })).toBeVisible();
  await expect(devPage.getByRole('tab')).toHaveCount(0);
  await expect(devPage.getByRole('table')).toHaveCount(0);
  await expect(devPage.getByTestId('audit-pending-count')).toHaveCount(0);

  for (const c of [dev, odev, asOps]) await c.dispose();
});
