/**
 * Small, real `docker save` archives for the demo catalog: each image is one
 * or two tar layers of a few text files, with a config whose diff_ids match,
 * so they import through the same verified path as a user's upload.
 */
import { createHash } from 'node:crypto';

function ustarHeader(name: string, size: number, type: '0' | '5'): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write(type === '5' ? '0000755\0' : '0000644\0', 100, 'latin1');
  h.write('0000000\0', 108, 'latin1');
  h.write('0000000\0', 116, 'latin1');
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  h.write('15000000000\0', 136, 'latin1');
  h.write('        ', 148, 'latin1');
  h.write(type, 156, 'latin1');
  h.write('ustar\0', 257, 'latin1');
  h.write('00', 263, 'latin1');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return h;
}

/** A ustar archive of directories (names ending in /) and files; names stay under 100 bytes here. */
export function tarOf(entries: { name: string; body?: Buffer | string }[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const dir = e.name.endsWith('/');
    const body = dir ? Buffer.alloc(0) : Buffer.from(e.body ?? '');
    parts.push(ustarHeader(e.name, body.length, dir ? '5' : '0'), body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export interface DemoImage {
  name: string;
  tags: string[];
  /** Files of each layer: path → content. */
  layers: Record<string, string>[];
  created: string;
}

/** One `docker save` archive holding `img` under every one of its tags (as `docker save name:a name:b` writes it). */
export function demoDockerSave(img: DemoImage): Buffer {
  const layerTars = img.layers.map((files) => {
    const dirs = new Set<string>();
    for (const p of Object.keys(files)) {
      const parts = p.split('/');
      for (let i = 1; i < parts.length; i++) dirs.add(`${parts.slice(0, i).join('/')}/`);
    }
    return tarOf([...[...dirs].sort().map((name) => ({ name })), ...Object.entries(files).map(([name, body]) => ({ name, body }))]);
  });
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created: img.created,
      docker_version: '27.3.1',
      config: { Cmd: ['/bin/sh'], Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] },
      rootfs: { type: 'layers', diff_ids: layerTars.map((l) => `sha256:${sha(l)}`) },
      history: layerTars.map((_, i) => ({ created: img.created, created_by: `pier demo layer ${i + 1}` })),
    }),
  );
  const configName = `${sha(config)}.json`;
  const entries: { name: string; body?: Buffer | string }[] = [{ name: configName, body: config }];
  const layerPaths = layerTars.map((l) => {
    const id = sha(Buffer.concat([Buffer.from(configName), l]));
    entries.push({ name: `${id}/` }, { name: `${id}/VERSION`, body: '1.0' }, { name: `${id}/layer.tar`, body: l });
    return `${id}/layer.tar`;
  });
  entries.push({ name: 'manifest.json', body: JSON.stringify([{ Config: configName, RepoTags: img.tags.map((t) => `${img.name}:${t}`), Layers: layerPaths }]) });
  return tarOf(entries);
}

const base = (distro: string) => ({
  'etc/os-release': `NAME="${distro}"\nID=${distro.toLowerCase().split(' ')[0]}\nPRETTY_NAME="${distro} (Pier demo image)"\n`,
  'etc/hostname': 'pier-demo\n',
});

/**
 * The demo catalog: what a fresh Pier's public `library` workspace holds; the
 * tags are the simulated kubelet's built-in demo list, so workloads written
 * against it still pull once the catalog decides.
 */
export const DEMO_IMAGES: DemoImage[] = [
  { name: 'nginx', tags: ['alpine', '1.27', 'latest'], created: '2026-10-01T08:00:00Z', layers: [base('Alpine Linux'), { 'etc/nginx/nginx.conf': 'events {}\nhttp { server { listen 80; location / { return 200 "pier demo\\n"; } } }\n' }] },
  { name: 'redis', tags: ['7.2', 'alpine', 'latest'], created: '2026-09-15T08:00:00Z', layers: [base('Debian GNU/Linux'), { 'usr/local/etc/redis/redis.conf': 'port 6379\nappendonly no\n' }] },
  { name: 'busybox', tags: ['1.36', 'latest'], created: '2026-08-20T08:00:00Z', layers: [{ 'bin/README': 'busybox demo image for Pier\n' }] },
  { name: 'tomcat', tags: ['10.1', '9.0', 'latest'], created: '2026-07-10T08:00:00Z', layers: [base('Ubuntu'), { 'usr/local/tomcat/conf/server.xml': '<Server port="8005"><Service name="Catalina"><Connector port="8080"/></Service></Server>\n' }] },
  { name: 'centos', tags: ['7', 'latest'], created: '2026-06-01T08:00:00Z', layers: [base('CentOS Stream')] },
];

export const DEMO_DESCRIPTIONS: Record<string, string> = {
  nginx: '# nginx\n\nA small demo image standing in for **nginx**. It answers `200 pier demo` on port 80.\n\n- `alpine`, `1.27`, `latest`: the same image',
  redis: '# redis\n\nDemo stand-in for **redis** (port 6379).',
  busybox: '# busybox\n\nThe smallest demo image: one layer.',
  tomcat: '# tomcat\n\nDemo stand-in for **Apache Tomcat** (port 8080).',
  centos: '# centos\n\nDemo base image.',
};
