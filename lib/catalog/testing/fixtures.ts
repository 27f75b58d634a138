import { gzipSync } from 'node:zlib';
import { tar, type TarEntry } from '@/lib/registry/testing/archives';

/** The seed's own example body of `POST /v1/app` (without its trailing comma), with overrides. */
export function appBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    appName: 'nginx1',
    deployType: 'deployment',
    image: 'nginx:latest',
    version: '1.2',
    repositoryId: 'repo1',
    replicas: 10,
    port: [{ port: 8080, hostPort: 9090 }],
    command: '',
    volume: [
      { path: '/host/usr/bin', hostPath: '/usr/bin', readOnly: true },
      { path: '/host/usr/sbin', hostPath: '/usr/sbin', readOnly: true },
    ],
    env: [{ name: 'NGINX_PATH', value: '/usr/share/nginx/' }],
    minReplicas: 2,
    maxReplicas: 20,
    minCPU: 10,
    maxCPU: 200,
    isHPA: true,
    targetCPUUtilization: 100,
    targetMemUtilization: 150,
    minMemory: 100,
    maxMemory: 200,
    maxUnavailable: 1,
    maxSurge: 1,
    minReadySeconds: 10,
    ...over,
  };
}

/** A chart package as `helm package` writes it: `<name>/Chart.yaml`, values.yaml, templates/. */
export function chartPackage(o: { name?: string; chartYaml?: string; values?: string | null; templates?: Record<string, string>; extra?: TarEntry[]; gzip?: boolean } = {}): Buffer {
  const name = o.name ?? 'web';
  const entries: TarEntry[] = [
    { name: `${name}/Chart.yaml`, body: o.chartYaml ?? `apiVersion: v2\nname: ${name}\nversion: 0.1.0\nappVersion: "1.27"\ndescription: A web server\n` },
  ];
  if (o.values !== null) entries.push({ name: `${name}/values.yaml`, body: o.values ?? 'replicaCount: 2\nimage:\n  repository: nginx\n' });
  const templates = o.templates ?? { 'deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n' };
  for (const [file, body] of Object.entries(templates)) entries.push({ name: `${name}/templates/${file}`, body });
  entries.push(...(o.extra ?? []));
  const t = tar(entries);
  return o.gzip === false ? t : gzipSync(t);
}

/** multipart/form-data with text fields then one file. */
export function multipart(fields: Record<string, string>, file?: { field: string; name: string; body: Buffer }): { body: Buffer; contentType: string } {
  const boundary = `----pier${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: application/gzip\r\n\r\n`));
    parts.push(file.body, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
