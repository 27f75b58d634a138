import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, passwords, signIn, test, uniqueName } from '../fixtures';

/**
 * The machine's kubectl (and, when PIER_TEST_KUBECTL_OLD names one, an older
 * binary such as Debian's kubernetes-client 1.20) against the started Pier,
 * over HTTPS with the kubeconfig Pier hands out: the way a user runs it.
 */
const BINARIES = [
  { label: 'kubectl on PATH', bin: process.env.PIER_TEST_KUBECTL || 'kubectl', old: false },
  { label: 'older kubectl (PIER_TEST_KUBECTL_OLD)', bin: process.env.PIER_TEST_KUBECTL_OLD || '', old: true },
];

const dir = mkdtempSync(path.join(os.tmpdir(), 'pier-kubectl-e2e-'));
const kubeconfig = path.join(dir, 'kubeconfig.yaml');
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number;
  out: string;
  err: string;
}

function kubectl(bin: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(bin, ['--kubeconfig', kubeconfig, '--request-timeout=60s', ...args], { timeout: 180_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, out: stdout, err: stderr });
    });
  });
}

/** Runs kubectl and expects success, showing its stderr when it fails. */
async function ok(bin: string, args: string[]): Promise<string> {
  const r = await kubectl(bin, args);
  expect(r.code, `kubectl ${args.join(' ')}\n${r.err}${r.out}`).toBe(0);
  return r.out;
}

function deploymentYaml(name: string, ns: string, image: string): string {
  return [
    'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: ${name}`, `  namespace: ${ns}`, 'spec:', '  replicas: 2',
    '  selector:', '    matchLabels:', `      app: ${name}`, '  template:', '    metadata:', '      labels:', `        app: ${name}`,
    '    spec:', '      containers:', '      - name: web', `        image: ${image}`, '        ports:', '        - containerPort: 80', '',
  ].join('\n');
}

function available(bin: string): boolean {
  if (!bin) return false;
  if (bin.includes('/')) return existsSync(bin);
  return (process.env.PATH ?? '').split(':').some((d) => existsSync(path.join(d, bin)));
}

test.beforeAll(async ({ request }) => {
  const cookie = await signIn(request, 'admin', passwords.admin);
  const res = await request.get('/api/pier/clusters/local/kubeconfig', { headers: { cookie } });
  expect(res.status()).toBe(200);
  writeFileSync(kubeconfig, await res.text(), { mode: 0o600 });
});

for (const { label, bin, old } of BINARIES) {
  test.describe(label, () => {
    test.skip(!available(bin), old ? 'PIER_TEST_KUBECTL_OLD is not set to an existing kubectl binary' : `no ${bin} on the PATH`);
    test.setTimeout(300_000);

    test('get with table output, describe, create -f, apply -f twice, scale, rollout status and undo, delete', async () => {
      const ns = uniqueName('kc');
      const name = 'web';
      await ok(bin, ['create', 'namespace', ns]);

      const nodes = await ok(bin, ['get', 'nodes']);
      expect(nodes).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s*$/m);
      expect(nodes).toMatch(/^worker-1\s+Ready\s+worker\s+\S+\s+v1\.30\.\d+\s*$/m);
      expect(await ok(bin, ['describe', 'node', 'worker-1'])).toMatch(/^Name:\s+worker-1$/m);

      const created = path.join(dir, `${ns}-created.yaml`);
      writeFileSync(created, deploymentYaml('created', ns, 'nginx:alpine'));
      expect(await ok(bin, ['create', '-f', created])).toContain('deployment.apps/created created');

      // An unknown field: kubectl before 1.27 refuses it itself, from /openapi/v2 (protobuf); later ones let the server refuse it (Strict).
      const bogus = path.join(dir, `${ns}-bogus.yaml`);
      writeFileSync(bogus, deploymentYaml('bogus', ns, 'nginx:alpine').replace('  replicas: 2', '  replicas: 2\n  bogus: 1'));
      const refused = await kubectl(bin, ['create', '-f', bogus]);
      expect(refused.code).not.toBe(0);
      expect(refused.err).toMatch(/unknown field "(spec\.)?bogus"/);

      const applied = path.join(dir, `${ns}-applied.yaml`);
      writeFileSync(applied, deploymentYaml(name, ns, 'nginx:alpine'));
      expect(await ok(bin, ['apply', '-f', applied])).toContain(`deployment.apps/${name} created`);
      expect(await ok(bin, ['rollout', 'status', `deployment/${name}`, '-n', ns, '--timeout=120s'])).toContain('successfully rolled out');

      writeFileSync(applied, deploymentYaml(name, ns, 'nginx:1.27'));
      expect(await ok(bin, ['apply', '-f', applied])).toContain(`deployment.apps/${name} configured`);
      expect(await ok(bin, ['rollout', 'status', `deployment/${name}`, '-n', ns, '--timeout=120s'])).toContain('successfully rolled out');

      expect(await ok(bin, ['scale', `deployment/${name}`, '-n', ns, '--replicas=3'])).toContain(`deployment.apps/${name} scaled`);
      expect(await ok(bin, ['rollout', 'status', `deployment/${name}`, '-n', ns, '--timeout=120s'])).toContain('successfully rolled out');

      const table = await ok(bin, ['get', 'deployments', '-n', ns]);
      expect(table).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s*$/m);
      expect(table).toMatch(new RegExp(`^${name}\\s+3/3\\s+3\\s+3\\s+`, 'm'));
      const pods = await ok(bin, ['get', 'pods', '-n', ns, '-l', `app=${name}`, '-o', 'wide']);
      expect(pods).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES\s*$/m);
      expect(pods.trim().split('\n').filter((l) => /\s1\/1\s+Running\s/.test(l))).toHaveLength(3);

      expect(await ok(bin, ['rollout', 'undo', `deployment/${name}`, '-n', ns])).toContain(`deployment.apps/${name} rolled back`);
      expect(await ok(bin, ['rollout', 'status', `deployment/${name}`, '-n', ns, '--timeout=120s'])).toContain('successfully rolled out');
      expect(await ok(bin, ['get', `deployment/${name}`, '-n', ns, '-o', 'jsonpath={.spec.template.spec.containers[0].image}'])).toBe('nginx:alpine');

      const described = await ok(bin, ['describe', 'deployment', name, '-n', ns]);
      expect(described).toMatch(/^Replicas:\s+3 desired \| 3 updated \| 3 total \| 3 available \| 0 unavailable$/m);
      expect(described).toMatch(/^\s+Image:\s+nginx:alpine$/m);
      // The apiserver's defaults, which the manifest leaves out.
      expect(described).toMatch(/^StrategyType:\s+RollingUpdate$/m);
      expect(described).toMatch(/^RollingUpdateStrategy:\s+25% max unavailable, 25% max surge$/m);

      const invalid = await kubectl(bin, ['scale', `deployment/${name}`, '-n', ns, '--replicas=-1']);
      expect(invalid.code).not.toBe(0);

      expect(await ok(bin, ['delete', 'deployment', name, 'created', '-n', ns])).toContain(`deployment.apps "${name}" deleted`);
      expect((await kubectl(bin, ['get', 'deployment', name, '-n', ns])).err).toContain('NotFound');
      await ok(bin, ['delete', 'namespace', ns]);
    });

    test('logs: a pod\'s output, --tail, and -f that keeps streaming', async () => {
      const ns = uniqueName('kl');
      await ok(bin, ['create', 'namespace', ns]);
      await ok(bin, ['run', 'logger', '-n', ns, '--image=busybox:1.36', '--restart=Never', '--', 'sh', '-c', 'echo hello from pier; echo second line; sleep 3600']);
      await ok(bin, ['wait', '--for=condition=Ready', 'pod/logger', '-n', ns, '--timeout=120s']);
      expect(await ok(bin, ['logs', 'logger', '-n', ns])).toBe('hello from pier\nsecond line\n');
      expect(await ok(bin, ['logs', 'logger', '-n', ns, '--tail=1'])).toBe('second line\n');
      expect(await ok(bin, ['logs', 'logger', '-n', ns, '--timestamps', '--tail=1'])).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z second line\n$/);
      const wrong = await kubectl(bin, ['logs', 'logger', '-n', ns, '-c', 'nope']);
      expect(wrong.code).not.toBe(0);
      expect(wrong.err).toContain('container nope is not valid for pod logger');
      // -f does not end while the container runs: read until the log is there, then stop it.
      const follow = spawn(bin, ['--kubeconfig', kubeconfig, 'logs', '-f', 'logger', '-n', ns]);
      let out = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`kubectl logs -f printed only ${JSON.stringify(out)}`)), 60_000);
        follow.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('second line\n')) {
            clearTimeout(timer);
            resolve();
          }
        });
        follow.on('exit', (code) => reject(new Error(`kubectl logs -f ended (${code}) with ${JSON.stringify(out)}`)));
      });
      follow.removeAllListeners('exit');
      follow.kill();
      expect(out).toBe('hello from pier\nsecond line\n');
      await ok(bin, ['delete', 'namespace', ns]);
    });
  });
}
