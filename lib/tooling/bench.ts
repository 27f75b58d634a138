/**
 * `npm run bench`: a fixed workload against a real Pier started with
 * `npm start` on a throwaway store, measured with autocannon from this
 * process. The store is embedded PGlite, or, with PIER_BENCH_DATABASE_URL
 * naming a PostgreSQL server, a fresh database there that the bench creates
 * and drops. Numbers go to docs/performance.md by hand.
 */
import autocannon from 'autocannon';
import { withBenchServer } from './bench-server';

const PORT = Number(process.env.PIER_BENCH_PORT || 3290);
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = 'bench-password-1';
const DURATION = Number(process.env.PIER_BENCH_SECONDS || 10);

interface Case {
  name: string;
  path: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connections: number;
}

function keystoneBody(user: string): string {
  return JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name: user, password: PASSWORD } } } } });
}

async function run(c: Case) {
  const r = await autocannon({
    url: BASE + c.path,
    method: c.method ?? 'GET',
    headers: c.headers,
    body: c.body,
    connections: c.connections,
    duration: DURATION,
  });
  const bad = r.non2xx + r.errors;
  return {
    case: c.name,
    connections: c.connections,
    'req/s': Math.round(r.requests.average),
    'p50 ms': r.latency.p50,
    'p99 ms': r.latency.p99,
    requests: r.requests.total,
    'non-2xx+errors': bad,
  };
}

withBenchServer({ port: PORT, password: PASSWORD }, async () => {
  const issued = await fetch(`${BASE}/v3/auth/tokens`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: keystoneBody('dev'),
  });
  const token = issued.headers.get('x-subject-token');
  if (!token) throw new Error(`token issue failed: ${issued.status}`);
  const auth = { 'x-auth-token': token };
  const cases: Case[] = [
    { name: 'GET /healthz', path: '/healthz', connections: 10 },
    { name: 'GET /readyz (store + migrations)', path: '/readyz', connections: 10 },
    { name: 'GET /api/ecns/eks/organization/ (token)', path: '/api/ecns/eks/organization/', headers: auth, connections: 10 },
    { name: 'GET /api/pier/projects (token)', path: '/api/pier/projects', headers: auth, connections: 10 },
    // Argon2id by design costs ~tens of ms of CPU per check; this bounds sign-in throughput.
    {
      name: 'POST /v3/auth/tokens (argon2id)', path: '/v3/auth/tokens', method: 'POST',
      headers: { 'content-type': 'application/json' }, body: keystoneBody('ops'), connections: 4,
    },
  ];
  const rows = [];
  for (const c of cases) rows.push(await run(c));
  console.table(rows);
  console.log(`${DURATION} s per case`);
});
