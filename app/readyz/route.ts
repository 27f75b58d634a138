import { readiness } from '@/lib/health';
import { getStore } from '@/lib/http/store';

export async function GET(): Promise<Response> {
  const r = await readiness(getStore);
  return Response.json(r, { status: r.ready ? 200 : 503 });
}
