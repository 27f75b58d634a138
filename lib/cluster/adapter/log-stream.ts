import { ApiException } from '@kubernetes/client-node';
import fetch, { type RequestInit } from 'node-fetch';
import { kube } from './errors';
import type { KubeClients } from './connect';

/**
 * A container's log with `follow=true`, as a byte stream that stays open
 * while the cluster writes lines. Fetched with the kubeconfig's own
 * credentials and TLS (client-node's `applyToFetchOptions`): client-node's
 * `Log` drops the cluster's Status on a refusal, and the kubelet's message
 * ("waiting to start: ContainerCreating") is what the user needs; a refusal
 * here is read as a Status and mapped like every other adapter error.
 */
export async function followPodLogs(
  c: KubeClients, namespace: string, name: string,
  o: { container?: string; tailLines?: number; timestamps?: boolean; previous?: boolean },
  signal: AbortSignal,
): Promise<ReadableStream<Uint8Array>> {
  const server = c.kc.getCurrentCluster()?.server ?? '';
  const url = new URL(`${server}/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}/log`);
  url.searchParams.set('follow', 'true');
  if (o.container) url.searchParams.set('container', o.container);
  if (o.tailLines !== undefined) url.searchParams.set('tailLines', String(o.tailLines));
  if (o.timestamps) url.searchParams.set('timestamps', 'true');
  if (o.previous) url.searchParams.set('previous', 'true');
  const init = (await c.kc.applyToFetchOptions({})) as RequestInit;
  const res = await kube(async () => {
    // A Headers object (not a plain record): copy it entry by entry, or the Authorization header is lost.
    const headers: Record<string, string> = {};
    new Headers(init.headers as HeadersInit).forEach((v, k) => (headers[k] = v));
    headers.accept = 'text/plain, */*';
    const r = await fetch(url.toString(), { ...init, method: 'GET', signal: signal as never, headers });
    if (r.status !== 200) {
      const body = await r.text();
      throw new ApiException(r.status, 'log refused', body, {});
    }
    return r;
  });
  const body = res.body as unknown as NodeJS.ReadableStream & { destroy?: () => void };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      body.on('data', (chunk: Buffer) => controller.enqueue(new Uint8Array(chunk)));
      body.on('end', () => controller.close());
      body.on('error', (err: unknown) => {
        if (signal.aborted) controller.close();
        else controller.error(err);
      });
    },
    cancel() {
      body.destroy?.();
    },
  });
}
