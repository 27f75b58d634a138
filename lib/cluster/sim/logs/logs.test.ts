import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../objects';
import { K8sError } from '../status';
import { containerOf, runFor, sameRunLater } from './instance';
import { ContainerLog, logTimestamp, type ContainerRun } from './synth';

const T0 = Date.parse('2026-11-22T17:00:00Z');
const run = (o: Partial<ContainerRun> = {}): ContainerRun => ({
  pod: 'web-1', namespace: 'alpha', uid: 'u1', container: 'web', image: 'nginx:1.27', argv: [], restart: 0, startedAt: T0, ...o,
});
const all = (log: ContainerLog, upTo: number) => Array.from({ length: log.count(upTo) }, (_, i) => log.line(i));

describe('synthesized container logs', () => {
  it('nginx: the start-up banner with the tag\'s version, then an access line every 30 s while it runs', () => {
    const log = new ContainerLog(run());
    const lines = all(log, T0 + 65_000);
    expect(lines.slice(0, 3).map((l) => l.text)).toEqual([
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
      '/docker-entrypoint.sh: Configuration complete; ready for start up',
    ]);
    expect(lines.find((l) => l.text.includes('nginx/'))!.text).toBe('2026/11/22 17:00:00 [notice] 1#1: nginx/1.27.0');
    const access = lines.filter((l) => l.text.includes('"GET / HTTP/1.1" 200'));
    expect(access.map((l) => l.at - T0)).toEqual([30_000, 60_000]);
    expect(access[0].text).toMatch(/^10\.244\.\d+\.\d+ - - \[22\/Nov\/2026:17:00:30 \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "curl\/8\.5\.0" "-"$/);
    // More time, more lines; the same lines every time it is asked.
    expect(log.count(T0 + 95_000)).toBe(log.count(T0 + 65_000) + 1);
    expect(all(new ContainerLog(run()), T0 + 65_000)).toEqual(lines);
  });

  it('an HTTP readiness probe shows as the kubelet\'s requests from its initial delay, every period', () => {
    const log = new ContainerLog(run({ podIP: '10.244.2.7', probe: { path: '/healthz', initialDelayMs: 5000, periodMs: 10_000 } }));
    const access = all(log, T0 + 40_000).filter((l) => l.text.includes('kube-probe'));
    expect(access.map((l) => l.at - T0)).toEqual([15_000, 25_000, 35_000]);
    expect(access[0].text).toBe('10.244.2.1 - - [22/Nov/2026:17:00:15 +0000] "GET /healthz HTTP/1.1" 200 615 "-" "kube-probe/1.30" "-"');
  });

  it('a command: what its echo and date print, a heartbeat while it runs, and the exit code of a failed run', () => {
    const sh = new ContainerLog(run({ image: 'busybox:1.36', argv: ['sh', '-c', 'date; echo Hello from the Kubernetes cluster'], finishedAt: T0 + 1000, exitCode: 0 }));
    expect(all(sh, T0 + 60_000).map((l) => l.text)).toEqual(['Sun Nov 22 17:00:00 UTC 2026', 'Hello from the Kubernetes cluster']);
    const sleeper = new ContainerLog(run({ image: 'busybox', argv: ['sleep', '3600'] }));
    expect(all(sleeper, T0 + 61_000).map((l) => l.text)).toEqual(['pier-sim: container web running for 30s', 'pier-sim: container web running for 1m0s']);
    const crash = new ContainerLog(run({ image: 'busybox', argv: ['false'], finishedAt: T0 + 1000, exitCode: 1, restart: 2 }));
    expect(all(crash, T0 + 5000)).toEqual([{ at: T0 + 1000, text: 'pier-sim: false exited with code 1' }]);
    expect(crash.count(T0 + 500)).toBe(0);
  });

  it('redis and tomcat have their own banners; an unknown image without a command has only the heartbeat', () => {
    expect(all(new ContainerLog(run({ image: 'redis:7.2' })), T0).map((l) => l.text)).toContain('1:M 22 Nov 2026 17:00:00.000 * Ready to accept connections tcp');
    expect(all(new ContainerLog(run({ image: 'tomcat:10.1' })), T0)[0].text).toContain('Apache Tomcat/10.1.0');
    expect(new ContainerLog(run({ image: 'example.com/app:v2' })).count(T0 + 29_000)).toBe(0);
  });

  it('finds lines by time without walking them, for sinceSeconds on a long-running container', () => {
    const log = new ContainerLog(run());
    const month = T0 + 30 * 24 * 3600_000;
    const n = log.count(month);
    expect(n).toBe(8 + 86_400);
    const i = log.indexAt(month - 90_000, month);
    expect(n - i).toBe(4);
    expect(log.line(i).at).toBeGreaterThanOrEqual(month - 90_000);
  });

  it('timestamps have nine fraction digits, as the kubelet writes them', () => {
    expect(logTimestamp(T0 + 5)).toBe('2026-11-22T17:00:00.005000000Z');
  });
});

const pod = (spec: Record<string, unknown>, status: Record<string, unknown> = {}): K8sObject =>
  ({ metadata: { name: 'p', namespace: 'alpha', uid: 'u1' }, spec: { nodeName: 'worker-1', ...spec }, status });
const one = [{ name: 'web', image: 'nginx:1.27' }];
const message = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof K8sError) return [err.status, err.k8s.message];
    throw err;
  }
  return null;
};

describe('which container run a log request means', () => {
  it('names a container, or takes the only one; 400 with the choices otherwise', () => {
    expect(containerOf(pod({ containers: one }), null).name).toBe('web');
    const two = pod({ containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }], initContainers: [{ name: 'init', image: 'z' }] });
    expect(message(() => containerOf(two, null))).toEqual([400, 'a container name must be specified for pod p, choose one of: [a b] or one of the init containers: [init]']);
    expect(containerOf(two, 'init').name).toBe('init');
    expect(message(() => containerOf(two, 'c'))).toEqual([400, 'container c is not valid for pod p']);
  });

  it('follows the kubelet: running, terminated, the last run of a restarting container, previous', () => {
    const started = '2026-11-22T17:00:00Z';
    const last = { exitCode: 1, reason: 'Error', startedAt: '2026-11-22T16:59:00Z', finishedAt: '2026-11-22T16:59:01Z' };
    const running = pod({ containers: one }, { containerStatuses: [{ name: 'web', restartCount: 1, state: { running: { startedAt: started } }, lastState: { terminated: last } }] });
    expect(runFor(running, one[0], false)).toMatchObject({ restart: 1, startedAt: T0 });
    expect(runFor(running, one[0], false)!.finishedAt).toBeUndefined();
    expect(runFor(running, one[0], true)).toMatchObject({ restart: 0, startedAt: T0 - 60_000, finishedAt: T0 - 59_000, exitCode: 1 });
    const backoff = pod({ containers: one }, { containerStatuses: [{ name: 'web', restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: last } }] });
    expect(runFor(backoff, one[0], false)).toMatchObject({ restart: 2, exitCode: 1 });
    const done = pod({ containers: one }, { containerStatuses: [{ name: 'web', restartCount: 0, state: { terminated: { ...last, exitCode: 0 } }, lastState: {} }] });
    expect(runFor(done, one[0], false)).toMatchObject({ exitCode: 0, finishedAt: T0 - 59_000 });
    expect(message(() => runFor(done, one[0], true))).toEqual([400, 'previous terminated container "web" in pod "p" not found']);
  });

  it('a container that never ran says why; a pod on no node has an empty log', () => {
    const waiting = (reason: string) => pod({ containers: one }, { containerStatuses: [{ name: 'web', restartCount: 0, state: { waiting: { reason } }, lastState: {} }] });
    expect(message(() => runFor(waiting('ContainerCreating'), one[0], false))).toEqual([400, 'container "web" in pod "p" is waiting to start: ContainerCreating']);
    expect(message(() => runFor(waiting('ErrImagePull'), one[0], false))).toEqual([400, 'container "web" in pod "p" is waiting to start: image can\'t be pulled']);
    expect(message(() => runFor(waiting('ImagePullBackOff'), one[0], false))).toEqual([400, 'container "web" in pod "p" is waiting to start: trying and failing to pull image']);
    expect(message(() => runFor(pod({ containers: one }), one[0], false))).toEqual([400, 'container "web" in pod "p" is not available']);
    expect(runFor(pod({ containers: one, nodeName: undefined }), one[0], false)).toBeNull();
  });

  it('sees the followed run end, whether the container stopped or restarted', () => {
    const started = '2026-11-22T17:00:00Z';
    const r = { ...run(), startedAt: T0 };
    const ended = { exitCode: 137, startedAt: started, finishedAt: '2026-11-22T17:05:00Z' };
    expect(sameRunLater(pod({ containers: one }, { containerStatuses: [{ name: 'web', state: { running: { startedAt: started } } }] }), one[0], r)).toEqual(r);
    expect(sameRunLater(pod({ containers: one }, { containerStatuses: [{ name: 'web', state: { terminated: ended } }] }), one[0], r))
      .toMatchObject({ finishedAt: T0 + 300_000, exitCode: 137 });
    expect(sameRunLater(pod({ containers: one }, { containerStatuses: [{ name: 'web', state: { running: { startedAt: '2026-11-22T17:06:00Z' } }, lastState: { terminated: ended } }] }), one[0], r))
      .toMatchObject({ finishedAt: T0 + 300_000 });
    expect(sameRunLater(pod({ containers: one }, {}), one[0], r)).toBeUndefined();
  });
});
