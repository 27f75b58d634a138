import { adminEn } from './en/admin';
import { appsEn } from './en/apps';
import { clustersEn } from './en/clusters';
import { consoleEn } from './en/console';
import { deployEn } from './en/deploy';
import { imagesEn } from './en/images';
import { workloadsEn } from './en/workloads';
import { workloadEditorEn } from './en/workload-editor';
import { podsEn } from './en/pods';
import { adminZh } from './zh/admin';
import { appsZh } from './zh/apps';
import { clustersZh } from './zh/clusters';
import { consoleZh } from './zh/console';
import { deployZh } from './zh/deploy';
import { imagesZh } from './zh/images';
import { workloadsZh } from './zh/workloads';
import { workloadEditorZh } from './zh/workload-editor';
import { podsZh } from './zh/pods';
import type { Locale } from './locale';

export * from './locale';

const en = { ...consoleEn, ...adminEn, ...imagesEn, ...clustersEn, ...deployEn, ...appsEn, ...workloadsEn, ...workloadEditorEn, ...podsEn };
export type Dictionary = typeof en;
const zh: Dictionary = { ...consoleZh, ...adminZh, ...imagesZh, ...clustersZh, ...deployZh, ...appsZh, ...workloadsZh, ...workloadEditorZh, ...podsZh };

export const dictionaries: Record<Locale, Dictionary> = { en, zh };

type Leaves<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${Leaves<T[K]>}`;
}[keyof T & string];

/** Every translatable key, e.g. "nav.overview". */
export type MessageKey = Leaves<Dictionary>;
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

function lookup(dict: Dictionary, key: string): string {
  let node: unknown = dict;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === 'string' ? node : key;
}

/** A `t()` for one language; `{name}` placeholders are filled from vars. */
export function translator(locale: Locale): Translate {
  const dict = dictionaries[locale];
  return (key, vars) => {
    const text = lookup(dict, key);
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
}
