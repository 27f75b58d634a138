import { cols, type Printer } from './columns';
import { age, arr, humanDuration, listWithMore, mapText, num, obj, orNone, str, type Obj } from './format';

const name = (o: Obj) => str(obj(o.metadata).name);
const created = (o: Obj, now: Date) => age(obj(o.metadata).creationTimestamp, now);

interface PodSummary { ready: string; status: string; restarts: string }

/** READY, STATUS and RESTARTS of a pod, following kubectl's printPod. */
export function podSummary(o: Obj, now: Date): PodSummary {
  const spec = obj(o.spec);
  const status = obj(o.status);
  const initSpecs = arr<Obj>(spec.initContainers);
  const sidecars = new Set(initSpecs.filter((c) => c.restartPolicy === 'Always').map((c) => str(c.name)));
  let total = arr(spec.containers).length + sidecars.size;
  if (total === 0) total = arr(status.containerStatuses).length;
  let ready = 0;
  let restarts = 0;
  let lastRestart = 0;
  let reason = str(status.reason) || str(status.phase);
  const conditions = arr<Obj>(status.conditions);
  const gated = conditions.find((c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'SchedulingGated');
  if (gated) reason = 'SchedulingGated';
  const noteRestart = (c: Obj) => {
    restarts += num(c.restartCount);
    const finished = obj(obj(c.lastState).terminated).finishedAt;
    if (typeof finished === 'string') lastRestart = Math.max(lastRestart, Date.parse(finished) || 0);
  };
  let initializing = false;
  const inits = arr<Obj>(status.initContainerStatuses);
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i];
    noteRestart(c);
    const st = obj(c.state);
    const term = st.terminated ? obj(st.terminated) : null;
    const waiting = st.waiting ? obj(st.waiting) : null;
    if (term && num(term.exitCode) === 0) continue;
    if (sidecars.has(str(c.name)) && c.started === true) {
      if (c.ready === true) ready++;
      continue;
    }
    if (term) {
      reason = term.reason ? `Init:${str(term.reason)}` : num(term.signal) !== 0 ? `Init:Signal:${num(term.signal)}` : `Init:ExitCode:${num(term.exitCode)}`;
    } else if (waiting && waiting.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${str(waiting.reason)}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }
  const initialized = conditions.some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initialized) {
    let running = false;
    const statuses = arr<Obj>(status.containerStatuses);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      noteRestart(c);
      const st = obj(c.state);
      const term = st.terminated ? obj(st.terminated) : null;
      const waiting = st.waiting ? obj(st.waiting) : null;
      if (waiting && waiting.reason) reason = str(waiting.reason);
      else if (term && term.reason) reason = str(term.reason);
      else if (term) reason = num(term.signal) !== 0 ? `Signal:${num(term.signal)}` : `ExitCode:${num(term.exitCode)}`;
      else if (c.ready === true && st.running) {
        running = true;
        ready++;
      }
    }
    if (reason === 'Completed' && running) {
      reason = conditions.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }
  const meta = obj(o.metadata);
  if (meta.deletionTimestamp) reason = status.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  const restartText = lastRestart > 0 ? `${restarts} (${humanDuration(now.getTime() - lastRestart)} ago)` : String(restarts);
  return { ready: `${ready}/${total}`, status: reason, restarts: restartText };
}

const pods: Printer = {
  columns: cols(['Name'], ['Ready'], ['Status'], ['Restarts'], ['Age'], ['IP', 'string', 1], ['Node', 'string', 1],
    ['Nominated Node', 'string', 1], ['Readiness Gates', 'string', 1]),
  cells(o, now) {
    const p = podSummary(o, now);
    const spec = obj(o.spec);
    const status = obj(o.status);
    const gates = arr<Obj>(spec.readinessGates);
    const gateText = gates.length === 0 ? '<none>'
      : `${gates.filter((g) => arr<Obj>(status.conditions).some((c) => c.type === g.conditionType && c.status === 'True')).length}/${gates.length}`;
    return [name(o), p.ready, p.status, p.restarts, created(o, now), orNone(str(status.podIP)), orNone(str(spec.nodeName)),
      orNone(str(status.nominatedNodeName)), gateText];
  },
};

const nodes: Printer = {
  columns: cols(['Name'], ['Status'], ['Roles'], ['Age'], ['Version'], ['Internal-IP', 'string', 1], ['External-IP', 'string', 1],
    ['OS-Image', 'string', 1], ['Kernel-Version', 'string', 1], ['Container-Runtime', 'string', 1]),
  cells(o, now) {
    const status = obj(o.status);
    const ready = arr<Obj>(status.conditions).find((c) => c.type === 'Ready');
    const states: string[] = [];
    if (ready) states.push(ready.status === 'True' ? 'Ready' : 'NotReady');
    if (states.length === 0) states.push('Unknown');
    if (obj(o.spec).unschedulable === true) states.push('SchedulingDisabled');
    const roles = new Set<string>();
    for (const [k, v] of Object.entries(obj(obj(o.metadata).labels))) {
      if (k.startsWith('node-role.kubernetes.io/') && k.length > 'node-role.kubernetes.io/'.length) roles.add(k.slice('node-role.kubernetes.io/'.length));
      else if (k === 'kubernetes.io/role' && v) roles.add(str(v));
    }
    const addr = (type: string) => orNone(arr<Obj>(status.addresses).filter((a) => a.type === type).map((a) => str(a.address)).join(','));
    const info = obj(status.nodeInfo);
    const unknown = (v: unknown) => str(v) || '<unknown>';
    return [name(o), states.join(','), orNone([...roles].sort().join(',')), created(o, now), str(info.kubeletVersion),
      addr('InternalIP'), addr('ExternalIP'), unknown(info.osImage), unknown(info.kernelVersion), unknown(info.containerRuntimeVersion)];
  },
};

const namespaces: Printer = {
  columns: cols(['Name'], ['Status'], ['Age']),
  cells: (o, now) => [name(o), str(obj(o.status).phase), created(o, now)],
};

function servicePorts(ports: Obj[]): string {
  if (ports.length === 0) return '<none>';
  return ports.map((p) => (p.nodePort ? `${num(p.port)}:${num(p.nodePort)}/${str(p.protocol || 'TCP')}` : `${num(p.port)}/${str(p.protocol || 'TCP')}`)).join(',');
}

function loadBalancerAddresses(lb: Obj): string[] {
  return arr<Obj>(lb.ingress).map((i) => str(i.ip) || str(i.hostname)).filter(Boolean);
}

const services: Printer = {
  columns: cols(['Name'], ['Type'], ['Cluster-IP'], ['External-IP'], ['Port(s)'], ['Age'], ['Selector', 'string', 1]),
  cells(o, now) {
    const spec = obj(o.spec);
    const type = str(spec.type) || 'ClusterIP';
    const external = arr<string>(spec.externalIPs);
    let ext: string;
    if (type === 'ClusterIP' || type === 'NodePort') ext = external.length ? external.join(',') : '<none>';
    else if (type === 'LoadBalancer') {
      const all = [...loadBalancerAddresses(obj(obj(o.status).loadBalancer)), ...external];
      ext = all.length ? all.join(',') : '<pending>';
    } else if (type === 'ExternalName') ext = str(spec.externalName);
    else ext = '<unknown>';
    return [name(o), type, orNone(str(spec.clusterIP)), ext, servicePorts(arr(spec.ports)), created(o, now), orNone(mapText(spec.selector))];
  },
};

const endpoints: Printer = {
  columns: cols(['Name'], ['Endpoints'], ['Age']),
  cells(o, now) {
    const all: string[] = [];
    for (const sub of arr<Obj>(o.subsets)) {
      const ports = arr<Obj>(sub.ports);
      for (const a of arr<Obj>(sub.addresses)) {
        if (ports.length === 0) all.push(str(a.ip));
        else for (const p of ports) all.push(`${str(a.ip)}:${num(p.port)}`);
      }
    }
    return [name(o), orNone(listWithMore(all)), created(o, now)];
  },
};

const configmaps: Printer = {
  columns: cols(['Name'], ['Data', 'integer'], ['Age']),
  cells: (o, now) => [name(o), Object.keys(obj(o.data)).length + Object.keys(obj(o.binaryData)).length, created(o, now)],
};

const secrets: Printer = {
  columns: cols(['Name'], ['Type'], ['Data', 'integer'], ['Age']),
  cells: (o, now) => [name(o), str(o.type) || 'Opaque', Object.keys(obj(o.data)).length, created(o, now)],
};

const ACCESS_MODES: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };
const accessModes = (modes: unknown) => arr<string>(modes).map((m) => ACCESS_MODES[m] ?? m).join(',');
const storageClassOf = (o: Obj) =>
  str(obj(o.spec).storageClassName) || str(obj(obj(o.metadata).annotations)['volume.beta.kubernetes.io/storage-class']);

const pvcs: Printer = {
  columns: cols(['Name'], ['Status'], ['Volume'], ['Capacity'], ['Access Modes'], ['StorageClass'], ['VolumeAttributesClass'], ['Age'],
    ['VolumeMode', 'string', 1]),
  cells(o, now) {
    const spec = obj(o.spec);
    const status = obj(o.status);
    const phase = obj(o.metadata).deletionTimestamp ? 'Terminating' : str(status.phase);
    const bound = !!spec.volumeName;
    return [name(o), phase, str(spec.volumeName), bound ? str(obj(status.capacity).storage) : '', bound ? accessModes(status.accessModes) : '',
      storageClassOf(o), str(spec.volumeAttributesClassName) || '<unset>', created(o, now), str(spec.volumeMode) || 'Filesystem'];
  },
};

const pvs: Printer = {
  columns: cols(['Name'], ['Capacity'], ['Access Modes'], ['Reclaim Policy'], ['Status'], ['Claim'], ['StorageClass'],
    ['VolumeAttributesClass'], ['Reason'], ['Age'], ['VolumeMode', 'string', 1]),
  cells(o, now) {
    const spec = obj(o.spec);
    const status = obj(o.status);
    const claim = spec.claimRef ? `${str(obj(spec.claimRef).namespace)}/${str(obj(spec.claimRef).name)}` : '';
    const phase = obj(o.metadata).deletionTimestamp ? 'Terminating' : str(status.phase);
    return [name(o), str(obj(spec.capacity).storage), accessModes(spec.accessModes), str(spec.persistentVolumeReclaimPolicy), phase, claim,
      storageClassOf(o), str(spec.volumeAttributesClassName) || '<unset>', str(status.reason), created(o, now), str(spec.volumeMode) || 'Filesystem'];
  },
};

function quotaPairs(o: Obj, limits: boolean): string {
  const hard = obj(obj(o.status).hard);
  const spec = Object.keys(hard).length ? hard : obj(obj(o.spec).hard);
  const used = obj(obj(o.status).used);
  return Object.keys(spec).filter((k) => k.startsWith('limits.') === limits).sort()
    .map((k) => `${k}: ${str(used[k]) || '0'}/${str(spec[k])}`).join(', ');
}

const quotas: Printer = {
  columns: cols(['Name'], ['Age'], ['Request'], ['Limit']),
  cells: (o, now) => [name(o), created(o, now), quotaPairs(o, false), quotaPairs(o, true)],
};

function eventObject(o: Obj): string {
  const io = obj(o.involvedObject);
  return `${str(io.kind).toLowerCase()}/${str(io.name)}`;
}

const events: Printer = {
  columns: cols(['Last Seen'], ['Type'], ['Reason'], ['Object'], ['Subobject', 'string', 1], ['Source', 'string', 1], ['Message'],
    ['First Seen', 'string', 1], ['Count', 'integer', 1], ['Name', 'string', 1]),
  cells(o, now) {
    const first = str(o.firstTimestamp) || str(o.eventTime);
    const last = str(o.lastTimestamp) || str(obj(o.series).lastObservedTime) || str(o.eventTime) || first;
    const src = obj(o.source);
    const source = str(src.component) || str(o.reportingComponent);
    const host = str(src.host) || str(o.reportingInstance);
    return [age(last, now), str(o.type), str(o.reason), eventObject(o), str(obj(o.involvedObject).fieldPath),
      host ? `${source}, ${host}` : source, str(o.message).trim(), age(first, now), num(o.count) || num(obj(o.series).count) || 1, name(o)];
  },
};

const storageclasses: Printer = {
  columns: cols(['Name'], ['Provisioner'], ['ReclaimPolicy'], ['VolumeBindingMode'], ['AllowVolumeExpansion', 'boolean'], ['Age']),
  cells(o, now) {
    const ann = obj(obj(o.metadata).annotations);
    const isDefault = ann['storageclass.kubernetes.io/is-default-class'] === 'true' || ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
    return [isDefault ? `${name(o)} (default)` : name(o), str(o.provisioner), str(o.reclaimPolicy) || 'Delete',
      str(o.volumeBindingMode) || 'Immediate', o.allowVolumeExpansion === true, created(o, now)];
  },
};

export const CORE_PRINTERS: Record<string, Printer> = {
  pods, nodes, namespaces, services, endpoints, configmaps, secrets,
  persistentvolumeclaims: pvcs, persistentvolumes: pvs, resourcequotas: quotas, events, 'storageclasses.storage.k8s.io': storageclasses,
};
