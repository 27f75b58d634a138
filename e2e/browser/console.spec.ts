import { test as base, expect, type Page } from '@playwright/test';

/**
 * The console's acceptance scenario: an admin builds a department, a project
 * and a developer in it; the developer sees only that project; the demo
 * department's admin does not see it; language and theme switch at once.
 */
const passwords = {
  admin: process.env.PIER_E2E_ADMIN_PASSWORD || 'admin-e2e-pass',
  demo: process.env.PIER_E2E_DEMO_PASSWORD || 'demo-e2e-pass',
};

type Names = { department: string; project: string; developer: string; developerPassword: string };

type Fixtures = {
  /** Unique per run, so the spec never meets an earlier run's data. */
  names: Names;
  /** Signs in through the sign-in page and waits for the console. */
  signIn: (name: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
};

const test = base.extend<Fixtures>({
  names: async ({}, provide) => {
    const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
    await provide({
      department: `E2E Dept ${suffix}`,
      project: `e2e-${suffix}`,
      developer: `e2e-dev-${suffix}`,
      developerPassword: `dev-pass-${suffix}`,
    });
  },
  signIn: async ({ page }, provide) => {
    await provide(async (name, password) => {
      await page.goto('/login');
      await page.getByLabel(/User name|用户名/).fill(name);
      await page.getByLabel(/^(Password|密码)$/).fill(password);
      await page.getByRole('button', { name: /^(Sign in|登录)$/ }).click();
      await page.waitForURL((u) => u.pathname === '/');
      await expect(page.getByLabel(/^(Project|项目)$/)).toBeEnabled();
    });
  },
  signOut: async ({ page }, provide) => {
    await provide(async () => {
      await page.getByRole('navigation').getByRole('button', { name: /Sign out|退出登录/ }).click();
      await page.waitForURL((u) => u.pathname === '/login');
    });
  },
});

async function switcherOptions(page: Page): Promise<string[]> {
  const options = page.getByLabel(/^(Project|项目)$/).locator('option');
  await expect(options.first()).toBeAttached();
  return (await options.allTextContents()).map((s) => s.trim());
}

test('admin sets up a department; each user sees only their projects; language and theme switch', async ({ page, names, signIn, signOut }) => {
  // The system admin creates a department, a project in it and a developer in that project.
  await signIn('admin', passwords.admin);

  await page.goto('/admin/departments');
  await page.getByRole('button', { name: 'New department' }).click();
  const deptDialog = page.getByRole('dialog', { name: 'New department' });
  await deptDialog.getByLabel('Name').fill(names.department);
  await deptDialog.getByRole('button', { name: 'Create' }).click();
  await expect(deptDialog).toBeHidden();
  await expect(page.getByRole('table', { name: 'Departments' }).getByRole('cell', { name: names.department, exact: true })).toBeVisible();

  await page.goto('/admin/projects');
  await page.getByRole('button', { name: 'New project' }).click();
  const projectDialog = page.getByRole('dialog', { name: 'New project' });
  await projectDialog.getByLabel('Department').selectOption({ label: names.department });
  await projectDialog.getByLabel('Name').fill(names.project);
  await projectDialog.getByRole('button', { name: 'Create' }).click();
  await expect(projectDialog).toBeHidden();
  // The list is paged; searching by name finds the new project whatever else the store holds.
  await page.getByLabel('Search by name').fill(names.project);
  await expect(page.getByRole('table', { name: 'Projects' }).getByRole('cell', { name: names.project, exact: true })).toBeVisible();

  await page.goto('/admin/users');
  await page.getByRole('button', { name: 'New user' }).click();
  const userDialog = page.getByRole('dialog', { name: 'New user' });
  await userDialog.getByLabel('User name').fill(names.developer);
  await userDialog.getByLabel('Initial password').fill(names.developerPassword);
  await userDialog.getByLabel('Role').selectOption('developer');
  await userDialog.getByLabel('Department').selectOption({ label: names.department });
  await userDialog.getByLabel(names.project).check();
  await userDialog.getByRole('button', { name: 'Create' }).click();
  await expect(userDialog).toBeHidden();
  await page.getByLabel('Search by name').fill(names.developer);
  const row = page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: names.developer });
  await expect(row).toContainText('Developer');
  await expect(row).toContainText(names.project);
  await signOut();

  // The Demo department's admin does not see the new department's project.
  await signIn('ops', passwords.demo);
  const opsOptions = await switcherOptions(page);
  expect(opsOptions).toContain('alpha');
  expect(opsOptions).not.toContain(names.project);
  await page.goto('/admin/projects');
  const opsProjects = page.getByRole('table', { name: 'Projects' });
  await expect(opsProjects.getByRole('cell', { name: 'alpha', exact: true })).toBeVisible();
  await expect(opsProjects.getByRole('cell', { name: names.project, exact: true })).toHaveCount(0);
  await signOut();

  // The developer sees exactly their one project, in the switcher and on the Projects list.
  await signIn(names.developer, names.developerPassword);
  expect(await switcherOptions(page)).toEqual([names.project]);
  await expect(page.getByTestId('overview-project')).toHaveText(names.project);
  await page.goto('/admin/projects');
  const devProjects = page.getByRole('table', { name: 'Projects' }).locator('tbody tr');
  await expect(devProjects).toHaveCount(1);
  await expect(devProjects).toContainText(names.project);

  // 中文: the navigation changes at once, and stays after a reload (saved for the user).
  await page.goto('/');
  await page.getByRole('button', { name: '中文' }).click();
  const nav = page.getByRole('navigation', { name: '主导航' });
  await expect(nav.getByRole('link', { name: '概览' })).toBeVisible();
  await expect(nav.getByRole('link', { name: '工作负载' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.reload();
  await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '镜像' })).toBeVisible();

  // Dark theme: applied at once, and rendered by the server on the next load (no flash).
  const bodyColour = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await bodyColour();
  await page.getByRole('button', { name: '账户菜单' }).click();
  await page.getByRole('button', { name: '深色' }).click();
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  await expect.poll(async () => (await page.request.get('/')).text()).toMatch(/<html[^>]*class="dark"/);
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  expect(await bodyColour()).not.toBe(light);
});

test('the sign-in page and the console load without a failed request, with Pier\'s tab icon', async ({ page, signIn }) => {
  // The browser's own icon request is not a page request Playwright reports; its
  // failure shows only as a console error, so the console is what is watched.
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto('/login');
  const icon = page.locator('head link[rel="icon"]');
  await expect(icon).toHaveAttribute('type', 'image/svg+xml');
  const res = await page.request.get((await icon.getAttribute('href'))!);
  expect(res.status()).toBe(200);
  expect(await res.text()).toContain('<svg');
  await signIn('admin', passwords.admin);
  await page.goto('/pods');
  await expect(page.getByRole('heading', { name: /^(Pods|容器组)$/ })).toBeVisible();
  // The tab icon is fetched after the load event; give it time to fail if it will.
  await page.waitForTimeout(1000);
  expect(errors).toEqual([]);
});
