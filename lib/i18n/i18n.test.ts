import { describe, expect, it } from 'vitest';
import { adminEn } from './en/admin';
import { consoleEn } from './en/console';
import { adminZh } from './zh/admin';
import { consoleZh } from './zh/console';
import { negotiateLocale, resolveLocale, translator } from './index';
import { translateFieldMessage } from './validation';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
}

function placeholders(o: object): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const walk = (v: object, p: string) => {
    for (const [k, x] of Object.entries(v)) {
      if (typeof x === 'string') out[`${p}${k}`] = (x.match(/\{\w+\}/g) ?? []).sort();
      else walk(x as object, `${p}${k}.`);
    }
  };
  walk(o, '');
  return out;
}

describe('dictionaries', () => {
  it('have the same keys in English and Chinese', () => {
    expect(keys({ ...consoleZh, ...adminZh }).sort()).toEqual(keys({ ...consoleEn, ...adminEn }).sort());
  });

  it('use the same {placeholders} in both languages', () => {
    expect(placeholders({ ...consoleZh, ...adminZh })).toEqual(placeholders({ ...consoleEn, ...adminEn }));
  });

  it('have no empty entries', () => {
    const empty = [consoleEn, adminEn, consoleZh, adminZh].flatMap((d) => keys(d).filter((k) => {
      const v = k.split('.').reduce<unknown>((n, p) => (n as Record<string, unknown>)[p], d);
      return v === '';
    }));
    expect(empty).toEqual([]);
  });
});

describe('translator', () => {
  it('fills placeholders and falls back to the key when unknown', () => {
    expect(translator('en')('login.tooMany', { n: 42 })).toBe('Too many failed sign-ins. Try again in 42 s.');
    expect(translator('zh')('nav.overview')).toBe('概览');
    expect(translator('en')('no.such.key' as never)).toBe('no.such.key');
  });
});

describe('locale negotiation', () => {
  it('picks the best supported language by q-value', () => {
    expect(negotiateLocale('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(negotiateLocale('fr-FR,en;q=0.5,zh;q=0.4')).toBe('en');
    expect(negotiateLocale('en;q=0.2, zh-TW;q=0.8')).toBe('zh');
    expect(negotiateLocale('fr, de')).toBeNull();
    expect(negotiateLocale('')).toBeNull();
  });

  it('prefers the saved choice, then the browser cookie, then Accept-Language, then English', () => {
    expect(resolveLocale({ saved: 'en', cookie: 'zh', acceptLanguage: 'zh' })).toBe('en');
    expect(resolveLocale({ saved: null, cookie: 'zh', acceptLanguage: 'en' })).toBe('zh');
    expect(resolveLocale({ saved: null, cookie: 'xx', acceptLanguage: 'zh-CN' })).toBe('zh');
    expect(resolveLocale({})).toBe('en');
  });
});

describe('field messages', () => {
  it('puts the schemas’ English messages into Chinese and leaves English alone', () => {
    expect(translateFieldMessage('at most 64 characters', 'zh')).toBe('最多 64 个字符');
    expect(translateFieldMessage('required', 'zh')).toBe('必填');
    expect(translateFieldMessage('something new', 'zh')).toBe('something new');
    expect(translateFieldMessage('required', 'en')).toBe('required');
  });
});
