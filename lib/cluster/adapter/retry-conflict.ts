import { kubeStatusOf } from './errors';

/**
 * Runs `attempt` again when the cluster answered 409 Conflict (a stale
 * resourceVersion: a controller wrote the object between our read and our
 * write), as client-go's retry.RetryOnConflict does. `attempt` must read what
 * it changes afresh each time. AlreadyExists and every other error pass through.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, tries = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (i >= tries || kubeStatusOf(err)?.reason !== 'Conflict') throw err;
      await new Promise((r) => setTimeout(r, 10 * i));
    }
  }
}
