import { createHash } from 'node:crypto';
import { parseImage } from '../controllers/images';

/**
 * The log of one run of one simulated container. Nothing runs, so the log is
 * made up from what the simulation knows, the same way every time it is
 * asked: a start-up banner for the image (nginx, redis, tomcat, ...), what
 * the command would print (`echo`, `date`), a line every period while the
 * container runs (a probe's request to nginx, a heartbeat otherwise), and
 * the exit code when a run ended badly. Lines are addressed by index and
 * found by time arithmetically, so a tail of a month-old container costs the
 * same as a new one's.
 */
export interface ContainerRun {
  pod: string;
  namespace: string;
  uid: string;
  container: string;
  image: string;
  /** command then args. */
  argv: string[];
  /** 0 for the first run; the restart count of this run. */
  restart: number;
  startedAt: number;
  /** Set when this run has ended. */
  finishedAt?: number;
  exitCode?: number;
  podIP?: string;
  /** An HTTP readiness or liveness probe: the kubelet's requests show in web servers' access logs. */
  probe?: { path: string; initialDelayMs: number; periodMs: number };
}

export interface LogLine {
  at: number;
  text: string;
}

interface Flavor {
  banner(r: ContainerRun): string[];
  /** Time of the first periodic line after start, and the period. */
  firstTickMs(r: ContainerRun): number;
  periodMs(r: ContainerRun): number;
  tick(r: ContainerRun, k: number, at: number): string;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function hashInt(...parts: Array<string | number>): number {
  return createHash('sha256').update(parts.join('\u0000')).digest().readUInt32BE(0);
}

function versionOf(r: ContainerRun, fallback: string): string {
  const tag = parseImage(r.image).tag;
  return /^\d+(\.\d+)*$/.test(tag) ? (tag.split('.').length >= 3 ? tag : `${tag}${'.0'.repeat(3 - tag.split('.').length)}`) : fallback;
}

function nginxTime(t: number): string {
  const d = new Date(t);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function clfTime(t: number): string {
  const d = new Date(t);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

function redisTime(t: number): string {
  const d = new Date(t);
  return `${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

/** `date`'s output in UTC: "Sun Nov 22 17:00:00 UTC 2026". */
function dateOutput(t: number): string {
  const d = new Date(t);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

function duration(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s % 60}s`;
}

/** A client address in the pod network, stable for one container run. */
function clientIP(r: ContainerRun, k: number): string {
  if (r.probe) return r.podIP ? r.podIP.replace(/\.\d+$/, '.1') : '10.244.0.1';
  const h = hashInt(r.uid, r.container, r.restart, k);
  return `10.244.${(h >>> 8) % 6}.${2 + (h % 250)}`;
}

const heartbeat: Flavor = {
  banner: () => [],
  firstTickMs: () => 30_000,
  periodMs: () => 30_000,
  tick: (r, _k, at) => `pier-sim: container ${r.container} running for ${duration(at - r.startedAt)}`,
};

const FLAVORS: Record<string, Flavor> = {
  nginx: {
    banner: (r) => {
      const t = nginxTime(r.startedAt);
      return [
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
        '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
        `${t} [notice] 1#1: using the "epoll" event method`,
        `${t} [notice] 1#1: nginx/${versionOf(r, '1.27.0')}`,
        `${t} [notice] 1#1: OS: Linux`,
        `${t} [notice] 1#1: start worker processes`,
        `${t} [notice] 1#1: start worker process 29`,
      ];
    },
    firstTickMs: (r) => (r.probe ? r.probe.initialDelayMs + r.probe.periodMs : 30_000),
    periodMs: (r) => r.probe?.periodMs ?? 30_000,
    tick: (r, k, at) => {
      const path = r.probe?.path ?? '/';
      const agent = r.probe ? 'kube-probe/1.30' : 'curl/8.5.0';
      return `${clientIP(r, k)} - - [${clfTime(at)}] "GET ${path} HTTP/1.1" 200 615 "-" "${agent}" "-"`;
    },
  },
  redis: {
    banner: (r) => {
      const t = redisTime(r.startedAt);
      const v = versionOf(r, '7.2.5');
      return [
        `1:C ${t} # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
        `1:C ${t} # Redis version=${v}, bits=64, commit=00000000, modified=0, pid=1, just started`,
        `1:M ${t} * Running mode=standalone, port=6379.`,
        `1:M ${t} * Server initialized`,
        `1:M ${t} * Ready to accept connections tcp`,
      ];
    },
    firstTickMs: () => 60_000,
    periodMs: () => 60_000,
    tick: (r, k, at) => `1:M ${redisTime(at)} * ${1 + (hashInt(r.uid, r.container, r.restart, k) % 90)} changes in 60 seconds. Saving...`,
  },
  tomcat: {
    banner: (r) => {
      const d = new Date(r.startedAt);
      const t = `${pad(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
      return [
        `${t} INFO [main] org.apache.catalina.startup.VersionLoggerListener.log Server version name:   Apache Tomcat/${versionOf(r, '10.1.0')}`,
        `${t} INFO [main] org.apache.coyote.AbstractProtocol.init Initializing ProtocolHandler ["http-nio-8080"]`,
        `${t} INFO [main] org.apache.catalina.core.StandardService.startInternal Starting service [Catalina]`,
        `${t} INFO [main] org.apache.coyote.AbstractProtocol.start Starting ProtocolHandler ["http-nio-8080"]`,
        `${t} INFO [main] org.apache.catalina.startup.Catalina.start Server startup in [${400 + (hashInt(r.uid, r.restart) % 800)}] milliseconds`,
      ];
    },
    firstTickMs: heartbeat.firstTickMs,
    periodMs: heartbeat.periodMs,
    tick: heartbeat.tick,
  },
};

/**
 * What a shell command would print at start: each `echo` and `date` of a
 * `sh -c` line (split at ; && ||), in order. Enough for the usual examples
 * (`date; echo Hello from the Kubernetes cluster`).
 */
function commandOutput(r: ContainerRun): string[] {
  const line = r.argv.length >= 3 && /(^|\/)(ba)?sh$/.test(r.argv[0]) && r.argv[1] === '-c' ? r.argv.slice(2).join(' ') : r.argv.join(' ');
  const out: string[] = [];
  for (const part of line.split(/;|&&|\|\||\n/)) {
    const words = part.trim().split(/\s+/);
    if (words[0] === 'echo') out.push(words.slice(1).join(' ').replace(/^(["'])(.*)\1$/, '$2'));
    else if (words[0] === 'date' && words.length === 1) out.push(dateOutput(r.startedAt));
  }
  return out;
}

function flavorOf(r: ContainerRun): Flavor {
  const repo = parseImage(r.image).repository.split('/').pop() ?? '';
  // A command replaces the image's own program: its output is the command's.
  if (r.argv.length) return heartbeat;
  return FLAVORS[repo] ?? heartbeat;
}

/** The lines of one run, addressed by index; `upTo` bounds a running container's log (the cluster's now). */
export class ContainerLog {
  private readonly head: string[];
  private readonly flavor: Flavor;
  private readonly first: number;
  private readonly period: number;

  constructor(readonly run: ContainerRun) {
    this.flavor = flavorOf(run);
    this.head = [...this.flavor.banner(run), ...commandOutput(run)];
    this.first = run.startedAt + this.flavor.firstTickMs(run);
    this.period = Math.max(1000, this.flavor.periodMs(run));
  }

  private end(upTo: number): number {
    return this.run.finishedAt === undefined ? upTo : Math.min(upTo, this.run.finishedAt);
  }

  private ticks(upTo: number): number {
    const end = this.end(upTo);
    return end < this.first ? 0 : Math.floor((end - this.first) / this.period) + 1;
  }

  private hasExitLine(upTo: number): boolean {
    const r = this.run;
    return r.finishedAt !== undefined && r.finishedAt <= upTo && r.exitCode !== undefined && r.exitCode !== 0;
  }

  /** How many lines exist at `upTo`. */
  count(upTo: number): number {
    if (upTo < this.run.startedAt) return 0;
    return this.head.length + this.ticks(upTo) + (this.hasExitLine(upTo) ? 1 : 0);
  }

  line(i: number): LogLine {
    const r = this.run;
    // Banner lines a millisecond apart, so timestamps keep their order.
    if (i < this.head.length) return { at: r.startedAt + i, text: this.head[i] };
    const k = i - this.head.length;
    const at = this.first + k * this.period;
    if (r.finishedAt !== undefined && at > r.finishedAt) {
      const what = r.argv.length ? r.argv.join(' ') : r.image;
      return { at: r.finishedAt, text: `pier-sim: ${what} exited with code ${r.exitCode}` };
    }
    return { at, text: this.flavor.tick(r, k, at) };
  }

  /** The first line index at or after time `t` (count(upTo) when none). */
  indexAt(t: number, upTo: number): number {
    let lo = 0;
    let hi = this.count(upTo);
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.line(mid).at < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** The kubelet's timestamp prefix: RFC 3339 with nine fraction digits. */
export function logTimestamp(t: number): string {
  return new Date(t).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}
