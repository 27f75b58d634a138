/**
 * The application schema's rule messages (lib/dialects/ote/app.ts) in
 * Chinese; the wire keeps English. Unknown messages pass through.
 */
import type { Locale } from '@/lib/i18n/locale';

const zhExact: Record<string, string> = {
  required: '必填',
  'a whole number': '请输入整数',
  'at most maxCPU': '不能大于最大 CPU',
  'at most maxMemory': '不能大于最大内存',
  'maxUnavailable and maxSurge may not both be 0': '最大不可用数和最大超出数不能都为 0',
  'autoscaling only applies to deployType deployment': '自动伸缩只适用于 Deployment 类型',
  'at least 1 with isHPA': '开启自动伸缩时至少为 1',
  'at most maxReplicas': '不能大于最大副本数',
  'at least minReplicas': '不能小于最小副本数',
  'duplicate port': '端口重复',
  'duplicate hostPort': '主机端口重复',
  'duplicate mount path': '挂载路径重复',
  'duplicate variable name': '变量名重复',
  'an absolute path': '必须是绝对路径',
  'must not contain ".."': '不能包含“..”',
  'an unterminated quote': '引号未闭合',
  'deployment or daemonset': 'deployment 或 daemonset',
  'lowercase letters, digits and -, starting and ending with a letter or digit': '只能包含小写字母、数字和 -，且以字母或数字开头和结尾',
  'numbers joined by dots, 2 to 4 parts (e.g. 1.1 or 1.2.3)': '用点连接的 2 到 4 个数字（例如 1.1 或 1.2.3）',
  'an image reference such as nginx:1.27 or registry.example.com/team/app:v1': '镜像地址，例如 nginx:1.27 或 registry.example.com/team/app:v1',
  'letters, digits, _ - . and not starting with a digit': '只能包含字母、数字、_ - .，且不能以数字开头',
  'letters, digits, _ . - (at most 63)': '字母、数字、_ . -（最多 63 个）',
};

const zhPatterns: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^at least (\d+)$/, (m) => `至少为 ${m[1]}`],
  [/^at most (\d+)$/, (m) => `最多为 ${m[1]}`],
  [/^at most (\d+) characters$/, (m) => `最多 ${m[1]} 个字符`],
];

export function ruleMessage(message: string | undefined, locale: Locale): string | undefined {
  if (!message || locale === 'en') return message;
  if (message in zhExact) return zhExact[message];
  for (const [re, fmt] of zhPatterns) {
    const m = message.match(re);
    if (m) return fmt(m);
  }
  return message;
}
