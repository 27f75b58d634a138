import type { Translate } from '@/lib/i18n';

/** kubectl's AGE: the largest whole unit (45s, 12m, 3h, 20d). */
export function age(created: string, now: number, t: Translate): string {
  if (!created) return '';
  const s = Math.max(0, Math.floor((now - Date.parse(created)) / 1000));
  if (s < 120) return t('pods.age.s', { n: s });
  if (s < 2 * 3600) return t('pods.age.m', { n: Math.floor(s / 60) });
  if (s < 2 * 86400) return t('pods.age.h', { n: Math.floor(s / 3600) });
  return t('pods.age.d', { n: Math.floor(s / 86400) });
}

export type Tone = 'green' | 'red' | 'amber' | 'slate' | 'sky';

/** The badge colour of kubectl's STATUS word. */
export function statusTone(status: string, group?: 'running' | 'failed' | 'other'): Tone {
  if (status === 'Running' || status === 'Succeeded') return 'green';
  if (group === 'failed' || status === 'Failed' || /BackOff|Err|Error|OOM/.test(status)) return 'red';
  if (status === 'Terminating') return 'slate';
  return 'amber';
}
