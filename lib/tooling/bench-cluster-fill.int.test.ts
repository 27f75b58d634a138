import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultControllers } from '@/lib/cluster/sim/controllers';
import { closeSimTestbed, openSimTestbed, runFor } from '@/lib/cluster/sim/controllers/testing';
import type { ClusterManager } from '@/lib/cluster/sim/controllers/manager';
import { clusterChangesSince, type Sim } from '@/lib/cluster/sim/store';
import { fixedClock } from '@/lib/testing/clock';
import type { TestStore } from '@/lib/testing/store';
import { fillCluster } from './bench-cluster-fill';

/**
 * The fill stands in for what the controllers would have made: if it is
 * right, the controllers find nothing to do to its pods and ReplicaSets.
 */
let ts: TestStore;
let s: Sim;
let m: ClusterManager;
const clock = fixedClock('2026-03-01T10:00:00Z');

beforeAll(async () => {
  ({ ts, s, m } = await openSimTestbed(clock, defaultControllers()));
}, 180_000); // PGlite's first start compiles its WASM: minutes on a loaded machine
afterAll(() => closeSimTestbed(ts, m));

describe('fillCluster', () => {
  it('leaves a state the controllers accept: no pod or ReplicaSet is created, deleted or rewritten', async () => {
    const r = await fillCluster(s, { nodes: 3, deployments: 4, replicas: 5, namespaces: 2, batch: 7 });
    expect(r).toMatchObject({ nodes: 3, namespaces: 2, deployments: 4, replicaSets: 4, pods: 20 });
    // A minute of cluster time: resyncs, readiness, everything due in it runs.
    await runFor(m, clock, 60_000);
    const { changes } = await clusterChangesSince(s, r.resourceVersion, 10_000);
    const touched = changes.map((c) => `${c.kind.plural} ${c.type}`);
    expect(touched.filter((t) => t.startsWith('pods ') || t.startsWith('replicasets '))).toEqual([]);
    // The Deployment controller rewrites its Available condition's lastUpdateTime on every sync (its own behaviour).
    for (const t of touched.filter((x) => !x.startsWith('events '))) expect(t).toBe('deployments MODIFIED');
  });
});
