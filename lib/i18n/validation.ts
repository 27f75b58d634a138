import type { Locale } from './locale';
import { workloadMessagesZh, workloadPatternsZh } from './zh/workload-validation';

/**
 * The wire schemas (lib/dialects/pier) speak English, in the browser and in
 * the API's `fields`; this puts their messages into the reader's language.
 * Unknown messages pass through unchanged.
 */
const zhExact: Record<string, string> = {
  required: '必填',
  'not an email address': '不是有效的邮箱地址',
  'a whole number of days': '请输入整数天数',
  'not a valid id': '不是有效的 ID',
  'no control characters or "/"': '不能包含控制字符或“/”',
  'must differ from the current password': '必须与当前密码不同',
  'the current password is wrong': '当前密码不正确',
  'letters, digits, ".", "_" and "-", starting with a letter or digit': '只能包含字母、数字、“.”、“_”和“-”，且以字母或数字开头',
  'lowercase letters, digits and "-", starting and ending with a letter or digit': '只能包含小写字母、数字和“-”，且以字母或数字开头和结尾',
  'a system administrator has no department; every other user needs one': '系统管理员不属于任何部门；其他用户必须属于一个部门',
  "every project must belong to the user's department": '所有项目必须属于该用户的部门',
  'you cannot demote or disable yourself': '不能降低自己的角色或停用自己',
  'you cannot delete yourself': '不能删除自己',
  'a system administrator keeps that role': '系统管理员的角色不能更改',
  'administrators already see every project of their department': '管理员已经可以看到本部门的所有项目',
  'Invalid input': '输入无效',
  ...workloadMessagesZh,
};

const zhPatterns: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^at most (\d+) characters$/, (m) => `最多 ${m[1]} 个字符`],
  [/^at least (\d+) characters$/, (m) => `至少 ${m[1]} 个字符`],
  [/^at most (\d+) days$/, (m) => `最多 ${m[1]} 天`],
  [/^at least (\d+) days?$/, (m) => `至少 ${m[1]} 天`],
  [/^at most (\d+) projects$/, (m) => `最多 ${m[1]} 个项目`],
  ...workloadPatternsZh,
];

export function translateFieldMessage(message: string | undefined, locale: Locale): string | undefined {
  if (!message || locale === 'en') return message;
  if (message in zhExact) return zhExact[message];
  for (const [re, fmt] of zhPatterns) {
    const m = message.match(re);
    if (m) return fmt(m);
  }
  return message;
}
