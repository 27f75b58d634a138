import { ApiException, HttpMethod, KubernetesObjectApi, type RequestContext, type ResponseContext } from '@kubernetes/client-node';

const RAW = '__pier_raw__';

export interface RawRequest {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  /** 'text' for pod logs; JSON otherwise. */
  accept?: 'json' | 'text';
}

/**
 * client-node's generic object API, plus a raw call that keeps the wire JSON
 * as the apiserver sent it. The typed deserializer turns timestamps into Date
 * objects and rebuilds models; the rest of Pier (and its caches) work on
 * plain Kubernetes JSON, exactly as watches deliver it.
 */
export class PierObjectApi extends KubernetesObjectApi {
  /** The REST path of a kind's collection (and object, with a name), from the cluster's discovery. */
  async pathOf(apiVersion: string, kind: string, namespace?: string, name?: string): Promise<{ path: string; namespaced: boolean }> {
    const resource = await this.resource(apiVersion, kind);
    if (!resource) throw new ApiException(404, 'Unknown kind', JSON.stringify({ code: 404, reason: 'NotFound', message: `the cluster does not serve ${kind} in ${apiVersion}` }), {});
    const parts = [this.apiVersionPath(apiVersion)];
    if (resource.namespaced && namespace) parts.push('namespaces', encodeURIComponent(namespace));
    parts.push(resource.name);
    if (name) parts.push(encodeURIComponent(name));
    return { path: parts.join('/'), namespaced: resource.namespaced };
  }

  async send<T>(method: keyof typeof HttpMethod, path: string, r: RawRequest = {}): Promise<T> {
    const ctx: RequestContext = this.configuration.baseServer.makeRequestContext(path, HttpMethod[method]);
    ctx.setHeaderParam('Accept', r.accept === 'text' ? 'text/plain, */*' : 'application/json');
    for (const [k, v] of Object.entries(r.query ?? {})) if (v !== undefined && v !== '') ctx.setQueryParam(k, String(v));
    if (r.body !== undefined) {
      ctx.setHeaderParam('Content-Type', r.contentType ?? 'application/json');
      ctx.setBody(JSON.stringify(r.body));
    }
    return this.requestPromise(ctx, r.accept === 'text' ? `${RAW}text` : RAW) as Promise<T>;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the base signature is generic over KubernetesObject; raw answers are any JSON
  protected override async processResponse<T>(response: ResponseContext, type?: string): Promise<any> {
    if (type !== RAW && type !== `${RAW}text`) return super.processResponse(response, type);
    const text = await response.body.text();
    if (response.httpStatusCode < 200 || response.httpStatusCode > 299) {
      throw new ApiException(response.httpStatusCode, 'Unsuccessful HTTP Request', text, response.headers);
    }
    if (type === `${RAW}text`) return text as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiException(502, 'not JSON', JSON.stringify({ code: 502, message: `the cluster answered ${response.httpStatusCode} with a body that is not JSON` }), {});
    }
  }
}
