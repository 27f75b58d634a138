import { cols, type ColSpec, type Printer } from './columns';
import { age, arr, containersAndImages, humanDuration, listWithMore, mapText, num, obj, orNone, selectorText, str, type Obj } from './format';

const name = (o: Obj) => str(obj(o.metadata).name);
const created = (o: Obj, now: Date) => age(obj(o.metadata).creationTimestamp, now);
const template = (o: Obj) => obj(obj(obj(o.spec).template).spec);
const wide = (o: Obj, selector: unknown) => [...containersAndImages(template(o)), orNone(selectorText(selector))];
const WIDE: ColSpec[] = [['Containers', 'string', 1], ['Images', 'string', 1], ['Selector', 'string', 1]];
/** spec.replicas defaults to 1 where the apiserver would have defaulted it. */
const desired = (o: Obj) => (typeof obj(o.spec).replicas === 'number' ? num(obj(o.spec).replicas) : 1);

const deployments: Printer = {
  columns: cols(['Name'], ['Ready'], ['Up-to-date', 'integer'], ['Available', 'integer'], ['Age'], ...WIDE),
  cells(o, now) {
    const st = obj(o.status);
    return [name(o), `${num(st.readyReplicas)}/${desired(o)}`, num(st.updatedReplicas), num(st.availableReplicas), created(o, now),
      ...wide(o, obj(o.spec).selector)];
  },
};

const replicasets: Printer = {
  columns: cols(['Name'], ['Desired', 'integer'], ['Current', 'integer'], ['Ready', 'integer'], ['Age'], ...WIDE),
  cells(o, now) {
    const st = obj(o.status);
    return [name(o), desired(o), num(st.replicas), num(st.readyReplicas), created(o, now), ...wide(o, obj(o.spec).selector)];
  },
};

const statefulsets: Printer = {
  columns: cols(['Name'], ['Ready'], ['Age'], ['Containers', 'string', 1], ['Images', 'string', 1]),
  cells: (o, now) => [name(o), `${num(obj(o.status).readyReplicas)}/${desired(o)}`, created(o, now), ...containersAndImages(template(o))],
};

const daemonsets: Printer = {
  columns: cols(['Name'], ['Desired', 'integer'], ['Current', 'integer'], ['Ready', 'integer'], ['Up-to-date', 'integer'],
    ['Available', 'integer'], ['Node Selector'], ['Age'], ...WIDE),
  cells(o, now) {
    const st = obj(o.status);
    return [name(o), num(st.desiredNumberScheduled), num(st.currentNumberScheduled), num(st.numberReady), num(st.updatedNumberScheduled),
      num(st.numberAvailable), orNone(mapText(template(o).nodeSelector)), created(o, now), ...wide(o, obj(o.spec).selector)];
  },
};

function jobStatus(o: Obj): string {
  const conds = arr<Obj>(obj(o.status).conditions);
  const has = (t: string) => conds.some((c) => c.type === t && c.status === 'True');
  if (has('Complete')) return 'Complete';
  if (has('Failed')) return 'Failed';
  if (obj(o.metadata).deletionTimestamp) return 'Terminating';
  if (has('SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  if (has('FailureTarget')) return 'FailureTarget';
  if (has('Suspended')) return 'Suspended';
  return 'Running';
}

const jobs: Printer = {
  columns: cols(['Name'], ['Status'], ['Completions'], ['Duration'], ['Age'], ...WIDE),
  cells(o, now) {
    const spec = obj(o.spec);
    const st = obj(o.status);
    const succeeded = num(st.succeeded);
    let completions: string;
    if (typeof spec.completions === 'number') completions = `${succeeded}/${spec.completions}`;
    else completions = num(spec.parallelism) > 1 ? `${succeeded}/1 of ${num(spec.parallelism)}` : `${succeeded}/1`;
    let duration = '';
    const start = Date.parse(str(st.startTime));
    if (!Number.isNaN(start)) {
      const end = Date.parse(str(st.completionTime));
      duration = humanDuration((Number.isNaN(end) ? now.getTime() : end) - start);
    }
    return [name(o), jobStatus(o), completions, duration, created(o, now), ...wide(o, spec.selector)];
  },
};

const cronjobs: Printer = {
  columns: cols(['Name'], ['Schedule'], ['Timezone'], ['Suspend', 'boolean'], ['Active', 'integer'], ['Last Schedule'], ['Age'], ...WIDE),
  cells(o, now) {
    const spec = obj(o.spec);
    const st = obj(o.status);
    const jobSpec = obj(obj(spec.jobTemplate).spec);
    const last = st.lastScheduleTime ? age(st.lastScheduleTime, now) : '<none>';
    return [name(o), str(spec.schedule), orNone(str(spec.timeZone)), spec.suspend === true, arr(st.active).length, last, created(o, now),
      ...containersAndImages(obj(obj(jobSpec.template).spec)), orNone(selectorText(jobSpec.selector))];
  },
};

function hpaTargets(o: Obj): string {
  const metrics = arr<Obj>(obj(o.spec).metrics);
  const current = arr<Obj>(obj(o.status).currentMetrics);
  if (metrics.length === 0) return '<none>';
  const parts = metrics.map((m, i) => {
    const cur = obj(current[i]);
    if (m.type === 'Resource' || m.type === 'ContainerResource') {
      const res = obj(m.resource ?? m.containerResource);
      const target = obj(res.target);
      const c = obj(obj(cur.resource ?? cur.containerResource).current);
      if (typeof target.averageUtilization === 'number') {
        const now = typeof c.averageUtilization === 'number' ? `${c.averageUtilization}%` : '<unknown>';
        return `${str(res.name)}: ${now}/${target.averageUtilization}%`;
      }
      return `${str(res.name)}: ${str(c.averageValue) || '<unknown>'}/${str(target.averageValue)}`;
    }
    const body = obj(m.pods ?? m.object ?? m.external);
    const target = obj(body.target);
    const c = obj(obj(cur.pods ?? cur.object ?? cur.external).current);
    return `${str(c.averageValue ?? c.value) || '<unknown>'}/${str(target.averageValue ?? target.value)}`;
  });
  return listWithMore(parts, 2).replace(/,/g, ', ');
}

const hpas: Printer = {
  columns: cols(['Name'], ['Reference'], ['Targets'], ['MinPods'], ['MaxPods', 'integer'], ['Replicas', 'integer'], ['Age']),
  cells(o, now) {
    const spec = obj(o.spec);
    const ref = obj(spec.scaleTargetRef);
    return [name(o), `${str(ref.kind)}/${str(ref.name)}`, hpaTargets(o), typeof spec.minReplicas === 'number' ? String(spec.minReplicas) : '<unset>',
      num(spec.maxReplicas), num(obj(o.status).currentReplicas), created(o, now)];
  },
};

const ingresses: Printer = {
  columns: cols(['Name'], ['Class'], ['Hosts'], ['Address'], ['Ports'], ['Age']),
  cells(o, now) {
    const spec = obj(o.spec);
    const hosts = arr<Obj>(spec.rules).map((r) => str(r.host) || '*');
    const address = arr<Obj>(obj(obj(o.status).loadBalancer).ingress).map((i) => str(i.ip) || str(i.hostname)).filter(Boolean).join(',');
    return [name(o), orNone(str(spec.ingressClassName)), listWithMore(hosts.length ? hosts : ['*']), address,
      arr(spec.tls).length ? '80, 443' : '80', created(o, now)];
  },
};

const controllerrevisions: Printer = {
  columns: cols(['Name'], ['Controller'], ['Revision', 'integer'], ['Age']),
  cells(o, now) {
    const ref = arr<Obj>(obj(o.metadata).ownerReferences).find((r) => r.controller === true);
    const group = ref ? str(ref.apiVersion).split('/').slice(0, -1).join('/') : '';
    const controller = ref ? `${str(ref.kind).toLowerCase()}${group ? `.${group}` : ''}/${str(ref.name)}` : '<none>';
    return [name(o), controller, num(o.revision), created(o, now)];
  },
};

const leases: Printer = {
  columns: cols(['Name'], ['Holder'], ['Age']),
  cells: (o, now) => [name(o), str(obj(o.spec).holderIdentity), created(o, now)],
};

export const WORKLOAD_PRINTERS: Record<string, Printer> = {
  'deployments.apps': deployments, 'replicasets.apps': replicasets, 'statefulsets.apps': statefulsets, 'daemonsets.apps': daemonsets,
  'controllerrevisions.apps': controllerrevisions, 'jobs.batch': jobs, 'cronjobs.batch': cronjobs,
  'horizontalpodautoscalers.autoscaling': hpas, 'ingresses.networking.k8s.io': ingresses, 'leases.coordination.k8s.io': leases,
};
