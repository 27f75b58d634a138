import { createHash } from 'node:crypto';
import { PROJECT_LABEL } from '../../namespaces/labels';
import { NAMESPACES, NODES, PODS } from '../kinds';
import { isPlainObject, k8sTime, metaOf, type K8sObject } from '../objects';
import { jsonEqual } from '../patch';
import { keyOf, nodeNameOf, splitKey, type ObjectCache, type ObservedChange } from './cache';
import { canPull, fullReference, imageSize, parseImage } from './images';
import { conditionOf, conditionsOf, phaseOf, specOf, statusOf, withCondition, type Condition } from './pods';
import { backOffMs, simulatedExit } from './run';
import type { Controller, ControllerContext, Requeue } from './types';
import type { Writer } from './writer';

/** A fresh pull takes this long on the cluster clock; an image already on the node starts at once. */
export const PULL_MS = 1000;
/** ErrImagePull shows this long before the kubelet backs off (ImagePullBackOff). */
const ERR_PULL_SHOW_MS = 1000;
/** What containerd reports when the registry refuses the pull (a private repository, no credential for it). */
const PULL_ACCESS_DENIED = 'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed';

interface ContainerSpec {
  name: string;
  image: string;
  imagePullPolicy?: string;
  command?: unknown;
  args?: unknown;
  readinessProbe?: { initialDelaySeconds?: number };
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
}

type Step = 'pull' | 'pullFailed' | 'pullBackOff' | 'running' | 'crashBackOff' | 'done';

interface Terminated {
  exitCode: number;
  reason: string;
  startedAt: string;
  finishedAt: string;
  containerID: string;
}

interface ContainerRun {
  spec: ContainerSpec;
  step: Step;
  /** When the current step ends (ms on the cluster clock); Infinity when it does not. */
  at: number;
  pullFailures: number;
  restarts: number;
  startedAt?: number;
  containerID?: string;
  everStarted: boolean;
  terminated?: Terminated;
  lastTerminated?: Terminated;
  /** Why the last pull failed, as containerd words it after the reference. */
  pullError?: string;
}

interface PodRun {
  uid: string;
  node: string;
  startTime: number;
  ip: string;
  containers: ContainerRun[];
  /**
   * The pod's and its node's resourceVersions when its status was last found
   * right, and until when (cluster clock) it stays right: a resync finds
   * nothing to do without rendering it again.
   */
  rendered?: { pod: string | undefined; node: string | undefined; until: number };
}

function nodeReady(node: K8sObject): boolean {
  return conditionOf(node, 'Ready')?.status === 'True';
}

function pullPolicy(c: ContainerSpec): string {
  if (c.imagePullPolicy) return c.imagePullPolicy;
  const ref = parseImage(c.image);
  return !ref.digest && ref.tag === 'latest' ? 'Always' : 'IfNotPresent';
}

const hex = (s: string, n = 64) => createHash('sha256').update(s).digest('hex').slice(0, n);

function qosClass(containers: Array<{ resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> } }>): string {
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      if (lim[r] === undefined || (req[r] !== undefined && String(req[r]) !== String(lim[r]))) guaranteed = false;
    }
  }
  return !any ? 'BestEffort' : guaranteed ? 'Guaranteed' : 'Burstable';
}

/**
 * The kubelet of every node of one cluster: runs the pods bound to Ready
 * nodes through image pull (Pulling → Pulled, or ErrImagePull →
 * ImagePullBackOff with growing back-off), Created → Started, readiness after
 * the readiness probe's initialDelaySeconds, and simulated exits with
 * restarts (CrashLoopBackOff). The run state lives here; the pod's status is
 * rendered from it and written only when it changes.
 */
export function createKubelet(): Controller {
  const runs = new Map<string, PodRun>();
  /** Pod IPs the runs hold, per node (how many runs hold each): allocating one looks at its node only. */
  const ipsOn = new Map<string, Map<string, number>>();

  const keepRun = (run: PodRun) => {
    runs.set(run.uid, run);
    let ips = ipsOn.get(run.node);
    if (!ips) ipsOn.set(run.node, (ips = new Map()));
    ips.set(run.ip, (ips.get(run.ip) ?? 0) + 1);
  };
  const dropRun = (uid: string) => {
    const run = runs.get(uid);
    if (!run) return;
    runs.delete(uid);
    const ips = ipsOn.get(run.node);
    const n = (ips?.get(run.ip) ?? 0) - 1;
    if (n > 0) ips!.set(run.ip, n);
    else ips?.delete(run.ip);
  };
  const imagesOnNode = new Map<string, Set<string>>();

  const present = (node: string, image: string) => imagesOnNode.get(node)?.has(fullReference(parseImage(image))) ?? false;
  const remember = (node: string, image: string) => {
    let s = imagesOnNode.get(node);
    if (!s) imagesOnNode.set(node, (s = new Set()));
    s.add(fullReference(parseImage(image)));
  };

  function allocateIp(cache: ObjectCache, node: string): string {
    const names = cache.list(NODES).map((n) => metaOf(n).name!).sort();
    const subnet = Math.max(0, names.indexOf(node)) + 1;
    const used = new Set<string>();
    for (const p of cache.podsOn(node)) {
      const ip = statusOf(p).podIP;
      if (typeof ip === 'string') used.add(ip);
    }
    for (const ip of ipsOn.get(node)?.keys() ?? []) used.add(ip);
    for (let h = 2; h < 255; h++) {
      const ip = `10.244.${subnet}.${h}`;
      if (!used.has(ip)) return ip;
    }
    return `10.244.${subnet}.254`;
  }

  function hostIp(node: K8sObject, cache: ObjectCache): string {
    const addrs = statusOf(node).addresses;
    const internal = Array.isArray(addrs) ? addrs.find((a) => isPlainObject(a) && a.type === 'InternalIP') : undefined;
    if (internal && typeof (internal as { address?: unknown }).address === 'string') return (internal as { address: string }).address;
    const names = cache.list(NODES).map((n) => metaOf(n).name!).sort();
    return `192.168.10.${10 + Math.max(0, names.indexOf(metaOf(node).name!))}`;
  }

  /** Picks up a pod's run from its status after a restart of the manager (a new leader). */
  function resume(pod: K8sObject, node: string, now: number): PodRun {
    const st = statusOf(pod);
    const statuses = Array.isArray(st.containerStatuses) ? (st.containerStatuses as Array<Record<string, unknown>>) : [];
    const containers = ((specOf(pod).containers as ContainerSpec[] | undefined) ?? []).map((spec): ContainerRun => {
      const cs = statuses.find((s) => s.name === spec.name);
      const state = isPlainObject(cs?.state) ? cs.state : {};
      const running = isPlainObject(state.running) ? state.running : undefined;
      const restarts = typeof cs?.restartCount === 'number' ? cs.restartCount : 0;
      if (running) {
        const startedAt = Date.parse(String(running.startedAt));
        const exit = simulatedExit(spec, String(specOf(pod).restartPolicy ?? 'Always'));
        return { spec, step: 'running', at: exit ? startedAt + exit.afterMs : Infinity, pullFailures: 0, restarts, startedAt,
          containerID: typeof cs?.containerID === 'string' ? cs.containerID : undefined, everStarted: true };
      }
      return { spec, step: 'pull', at: now, pullFailures: 0, restarts, everStarted: restarts > 0 };
    });
    const ip = typeof st.podIP === 'string' ? st.podIP : '';
    const startTime = typeof st.startTime === 'string' ? Date.parse(st.startTime) : now;
    return { uid: metaOf(pod).uid!, node, startTime, ip, containers };
  }

  /** Moves a container through every step that has ended by `now`, recording the events on the way. */
  async function advance(run: PodRun, c: ContainerRun, pod: K8sObject, now: number, w: Writer, project?: string): Promise<void> {
    const source = { component: 'kubelet', host: run.node };
    const path = `spec.containers{${c.spec.name}}`;
    const ev = (type: 'Normal' | 'Warning', reason: string, message: string) => w.event(pod, type, reason, message, source, path);
    const restartPolicy = String(specOf(pod).restartPolicy ?? 'Always');
    const start = async (at: number) => {
      c.containerID = `containerd://${hex(`${run.uid}/${c.spec.name}/${c.restarts}`)}`;
      await ev('Normal', 'Created', `Created container ${c.spec.name}`);
      await ev('Normal', 'Started', `Started container ${c.spec.name}`);
      c.step = 'running';
      c.startedAt = at;
      c.everStarted = true;
      const exit = simulatedExit(c.spec, restartPolicy);
      c.at = exit ? at + exit.afterMs : Infinity;
    };
    for (let guard = 0; guard < 50 && c.at <= now; guard++) {
      const at = c.at;
      switch (c.step) {
        case 'pull': {
          const pulled = await canPull(c.spec.image, w.db, { namespace: metaOf(pod).namespace, project });
          if (pulled === true) {
            const fresh = !present(run.node, c.spec.image) || pullPolicy(c.spec) === 'Always';
            remember(run.node, c.spec.image);
            await ev('Normal', 'Pulled', fresh
              ? `Successfully pulled image "${c.spec.image}" in ${PULL_MS / 1000}s (${PULL_MS / 1000}s including waiting). Image size: ${imageSize(c.spec.image)} bytes.`
              : `Container image "${c.spec.image}" already present on machine`);
            await start(at);
          } else {
            c.pullFailures += 1;
            const ref = fullReference(parseImage(c.spec.image));
            c.pullError = pulled === 'denied' ? PULL_ACCESS_DENIED : `${ref}: not found`;
            await ev('Warning', 'Failed', `Failed to pull image "${c.spec.image}": rpc error: code = ${pulled === 'denied' ? 'Unknown' : 'NotFound'} desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${c.pullError}`);
            await ev('Warning', 'Failed', 'Error: ErrImagePull');
            c.step = 'pullFailed';
            c.at = at + ERR_PULL_SHOW_MS;
          }
          break;
        }
        case 'pullFailed':
          await ev('Normal', 'BackOff', `Back-off pulling image "${c.spec.image}"`);
          await ev('Warning', 'Failed', 'Error: ImagePullBackOff');
          c.step = 'pullBackOff';
          c.at = at + backOffMs(c.pullFailures);
          break;
        case 'pullBackOff':
          await ev('Normal', 'Pulling', `Pulling image "${c.spec.image}"`);
          c.step = 'pull';
          c.at = at + PULL_MS;
          break;
        case 'running': {
          const exit = simulatedExit(c.spec, restartPolicy)!;
          c.terminated = {
            exitCode: exit.exitCode, reason: exit.exitCode === 0 ? 'Completed' : 'Error',
            startedAt: k8sTime(new Date(c.startedAt!)), finishedAt: k8sTime(new Date(at)), containerID: c.containerID!,
          };
          const restart = restartPolicy === 'Always' || (restartPolicy === 'OnFailure' && exit.exitCode !== 0);
          if (!restart) {
            c.step = 'done';
            c.at = Infinity;
            break;
          }
          c.restarts += 1;
          c.lastTerminated = c.terminated;
          c.terminated = undefined;
          // The first restart is immediate; after that the kubelet backs off.
          const wait = c.restarts === 1 ? 0 : backOffMs(c.restarts - 1);
          if (wait > 0) {
            await ev('Warning', 'BackOff', `Back-off restarting failed container ${c.spec.name} in pod ${metaOf(pod).name}_${metaOf(pod).namespace}(${run.uid})`);
          }
          c.step = 'crashBackOff';
          c.at = at + wait;
          break;
        }
        case 'crashBackOff':
          await ev('Normal', 'Pulled', `Container image "${c.spec.image}" already present on machine`);
          await start(at);
          break;
        case 'done':
          c.at = Infinity;
          break;
      }
    }
  }

  function readyAt(c: ContainerRun): number {
    if (c.step !== 'running' || c.startedAt === undefined) return Infinity;
    return c.startedAt + (c.spec.readinessProbe?.initialDelaySeconds ?? 0) * 1000;
  }

  function containerStatus(pod: K8sObject, run: PodRun, c: ContainerRun, now: number): Record<string, unknown> {
    const ref = parseImage(c.spec.image);
    let state: Record<string, unknown>;
    switch (c.step) {
      case 'running': state = { running: { startedAt: k8sTime(new Date(c.startedAt!)) } }; break;
      case 'done': state = { terminated: c.terminated }; break;
      case 'pullFailed': state = { waiting: { reason: 'ErrImagePull', message: c.pullError === PULL_ACCESS_DENIED
        ? `failed to pull and unpack image "${fullReference(ref)}": failed to resolve reference "${fullReference(ref)}": ${PULL_ACCESS_DENIED}`
        : `failed to pull and unpack image "${fullReference(ref)}": not found` } }; break;
      case 'pullBackOff': state = { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.spec.image}"` } }; break;
      case 'crashBackOff': state = c.at > now
        ? { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${Math.round(backOffMs(c.restarts - 1) / 1000)}s restarting failed container=${c.spec.name} pod=${metaOf(pod).name}_${metaOf(pod).namespace}(${run.uid})` } }
        : { waiting: { reason: 'ContainerCreating' } };
        break;
      default: state = { waiting: { reason: c.pullFailures > 0 ? 'ImagePullBackOff' : 'ContainerCreating' } };
    }
    return {
      name: c.spec.name,
      state,
      lastState: c.lastTerminated ? { terminated: c.lastTerminated } : {},
      ready: readyAt(c) <= now,
      restartCount: c.restarts,
      image: c.spec.image,
      imageID: c.everStarted ? `${ref.registry}/${ref.repository}@sha256:${hex(fullReference(ref))}` : '',
      ...(c.containerID && c.step !== 'pull' && c.step !== 'pullFailed' && c.step !== 'pullBackOff' ? { containerID: c.containerID } : {}),
      started: c.step === 'running',
    };
  }

  function renderStatus(pod: K8sObject, node: K8sObject, run: PodRun, now: number, cache: ObjectCache): Record<string, unknown> {
    const t = k8sTime(new Date(now));
    const cs = run.containers;
    const allDone = cs.length > 0 && cs.every((c) => c.step === 'done');
    const phase = allDone
      ? (cs.every((c) => c.terminated?.exitCode === 0) ? 'Succeeded' : 'Failed')
      : cs.some((c) => c.everStarted) ? 'Running' : 'Pending';
    const unready = cs.filter((c) => readyAt(c) > now).map((c) => c.spec.name);
    const ready: Condition = unready.length
      ? { type: 'Ready', status: 'False', reason: phase === 'Succeeded' ? 'PodCompleted' : 'ContainersNotReady', ...(phase === 'Succeeded' ? {} : { message: `containers with unready status: [${unready.join(' ')}]` }) }
      : { type: 'Ready', status: 'True' };
    let conditions = conditionsOf(pod);
    const set = (c: Condition) => {
      conditions = withCondition(conditions, { ...c, lastProbeTime: null }, t);
    };
    set({ type: 'PodReadyToStartContainers', status: allDone ? 'False' : 'True' });
    set({ type: 'Initialized', status: 'True' });
    set(ready);
    set({ ...ready, type: 'ContainersReady' });
    set({ type: 'PodScheduled', status: 'True' });
    const order = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];
    conditions = [...conditions].sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
    const hostIP = hostIp(node, cache);
    return {
      phase,
      conditions,
      hostIP,
      hostIPs: [{ ip: hostIP }],
      podIP: run.ip,
      podIPs: [{ ip: run.ip }],
      startTime: k8sTime(new Date(run.startTime)),
      containerStatuses: cs.map((c) => containerStatus(pod, run, c, now)),
      qosClass: qosClass((specOf(pod).containers as ContainerSpec[] | undefined) ?? []),
    };
  }

  return {
    name: 'kubelet',

    keysFor(ch: ObservedChange, cache: ObjectCache): string[] {
      if (ch.kind === NODES) {
        // A node back to Ready: its kubelet syncs every pod again.
        const wasReady = ch.old ? nodeReady(ch.old) : false;
        return ch.type !== 'DELETED' && nodeReady(ch.object) && !wasReady ? cache.podsOn(metaOf(ch.object).name!).map(keyOf) : [];
      }
      if (ch.kind !== PODS) return [];
      if (ch.type === 'DELETED') {
        dropRun(metaOf(ch.object).uid!);
        return [];
      }
      return nodeNameOf(ch.object) ? [keyOf(ch.object)] : [];
    },

    resyncKeys: (cache) => cache.list(PODS).filter((p) => nodeNameOf(p)).map(keyOf),

    async reconcile(key: string, c: ControllerContext): Promise<Requeue | void> {
      const { namespace, name } = splitKey(key);
      const pod = c.cache.get(PODS, namespace, name);
      if (!pod) return;
      const nodeName = nodeNameOf(pod);
      const node = c.cache.get(NODES, undefined, nodeName);
      // A NotReady node's kubelet is not heard from: its pods stay as they were.
      if (!node || !nodeReady(node) || metaOf(pod).deletionTimestamp) return;
      const phase = phaseOf(pod);
      const uid = metaOf(pod).uid!;
      if ((phase === 'Succeeded' || phase === 'Failed') && !runs.has(uid)) return;
      const now = c.clock.now().getTime();
      let run = runs.get(uid);
      const fresh = !run;
      if (!run) {
        run = statusOf(pod).containerStatuses ? resume(pod, nodeName, now) : {
          uid, node: nodeName, startTime: now, ip: allocateIp(c.cache, nodeName),
          containers: ((specOf(pod).containers as ContainerSpec[] | undefined) ?? []).map((spec) => ({
            spec, step: 'pull' as Step, at: now, pullFailures: 0, restarts: 0, everStarted: false,
          })),
        };
        if (!run.ip) run.ip = allocateIp(c.cache, nodeName);
        keepRun(run);
      } else if (run.rendered && run.rendered.pod === metaOf(pod).resourceVersion && run.rendered.node === metaOf(node).resourceVersion
        && now < run.rendered.until) {
        // Nothing changed since the status was last rendered and no step is due: a resync's visit costs nothing.
        return Number.isFinite(run.rendered.until) ? { at: new Date(run.rendered.until) } : undefined;
      }
      const r = run;
      const project = metaOf(c.cache.get(NAMESPACES, undefined, namespace!) ?? {}).labels?.[PROJECT_LABEL];
      // When the next container step or readiness is due (cluster clock), worked out once the steps have advanced.
      let next = Infinity;
      await c.write.batch(async (w) => {
        if (fresh && !statusOf(pod).containerStatuses) {
          for (const ct of r.containers) {
            // A pull takes PULL_MS unless the image is on the node and need not be checked again.
            const cached = present(r.node, ct.spec.image) && pullPolicy(ct.spec) !== 'Always';
            ct.at = cached ? now : now + PULL_MS;
            if (!cached) await w.event(pod, 'Normal', 'Pulling', `Pulling image "${ct.spec.image}"`, { component: 'kubelet', host: r.node }, `spec.containers{${ct.spec.name}}`);
          }
        }
        for (const ct of r.containers) await advance(r, ct, pod, now, w, project);
        const status = renderStatus(pod, node, r, now, c.cache);
        const written = jsonEqual(status, statusOf(pod)) ? pod : await w.status(PODS, namespace, name, status);
        // The status as stored stays right until the next step or readiness is due.
        next = Math.min(...r.containers.map((ct) => Math.min(ct.at, readyAt(ct) > now ? readyAt(ct) : Infinity)));
        r.rendered = written ? { pod: metaOf(written).resourceVersion, node: metaOf(node).resourceVersion, until: next } : undefined;
      });
      if (r.containers.every((ct) => ct.step === 'done')) dropRun(uid);
      if (Number.isFinite(next)) return { at: new Date(Math.max(next, now)) };
    },
  };
}
