/**
 * Starts Debian's docker-registry (the CNCF distribution registry) for a
 * test: filesystem storage in a temp dir, deletes enabled, on a free port of
 * 127.0.0.1, optionally behind htpasswd basic auth or token auth.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const DOCKER_REGISTRY = '/usr/bin/docker-registry';

export interface RunningRegistry {
  url: string;
  /** host:port, for skopeo's docker:// references. */
  host: string;
  storageDir: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface RegistryAuth {
  /** htpasswd lines (`user:$2b$...`, bcrypt), for basic auth. */
  htpasswd?: string;
  /** Token auth: realm URL, service, issuer and the PEM certificate bundle that signs tokens. */
  token?: { realm: string; service: string; issuer: string; rootCertPem: string };
}

export async function startDockerRegistry(auth: RegistryAuth = {}): Promise<RunningRegistry> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pier-docker-registry-'));
  const storageDir = path.join(dir, 'data');
  const port = await freePort();
  let authYaml = '';
  if (auth.htpasswd) {
    await writeFile(path.join(dir, 'htpasswd'), auth.htpasswd);
    authYaml = `auth:\n  htpasswd:\n    realm: pier-test\n    path: ${path.join(dir, 'htpasswd')}\n`;
  } else if (auth.token) {
    await writeFile(path.join(dir, 'root.pem'), auth.token.rootCertPem);
    authYaml = `auth:\n  token:\n    realm: ${auth.token.realm}\n    service: ${auth.token.service}\n    issuer: ${auth.token.issuer}\n    rootcertbundle: ${path.join(dir, 'root.pem')}\n`;
  }
  const config = path.join(dir, 'config.yml');
  await writeFile(
    config,
    `version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: ${storageDir}
  delete:
    enabled: true
http:
  addr: 127.0.0.1:${port}
${authYaml}`,
  );
  const proc: ChildProcess = spawn(DOCKER_REGISTRY, ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (c) => (stderr = (stderr + c).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (proc.exitCode === null) {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  for (let i = 0; ; i++) {
    if (proc.exitCode !== null) {
      await stop();
      throw new Error(`docker-registry exited: ${stderr}`);
    }
    try {
      const res = await fetch(`${url}/v2/`);
      await res.body?.cancel();
      if (res.status === 200 || res.status === 401) break;
    } catch {
      // not listening yet
    }
    if (i > 300) {
      await stop();
      throw new Error(`docker-registry did not start: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, host: `127.0.0.1:${port}`, storageDir, stop };
}
