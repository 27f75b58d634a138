import { E2E_BASE_URL } from '../playwright.config';
import { expect, keystoneToken, passwords, test, uniqueName } from '../fixtures';

/**
 * Through the built server (Next.js in front), a watch must answer with its
 * headers at once, as the apiserver does: client-node's watch awaits them
 * before reading events. If the headers waited for the first event, this
 * test would hang until its own timeout, far below the watch's 300 s.
 */
test.setTimeout(60_000);

test('a watch from the current resourceVersion answers at once, then streams the change', async ({ request }) => {
  const token = await keystoneToken(request, 'admin', passwords.admin);
  const auth = { authorization: `Bearer ${token}` };
  const base = `${E2E_BASE_URL}/k8s/local/api/v1/namespaces/default/configmaps`;
  const list = await (await fetch(`${base}?limit=1`, { headers: auth })).json();
  const rv = list.metadata.resourceVersion as string;

  const aborter = new AbortController();
  const res = await fetch(`${base}?watch=1&resourceVersion=${rv}&timeoutSeconds=300`, { headers: auth, signal: aborter.signal });
  expect(res.status).toBe(200);

  const name = uniqueName('watched');
  const created = await fetch(base, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: '1' } }),
  });
  expect(created.status).toBe(201);

  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!text.includes(`"${name}"`)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  aborter.abort();
  const events = text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toContain(`ADDED ${name}`);
  await fetch(`${base}/${name}`, { method: 'DELETE', headers: auth });
});
