'use client';

import { useMe } from '@/lib/client/use-me';
import { isLocale } from '@/lib/i18n';
import { useT } from '@/lib/i18n/react';
import { Select } from '@/components/ui/field';
import { ThemeToggle } from '@/components/theme/theme-toggle';
import { useErrorText } from '@/components/ui/query-state';
import { Notice } from '@/components/ui/states';
import { useAppearance } from '../_shell/use-appearance';

export function Preferences() {
  const t = useT();
  const me = useMe().data;
  const errorText = useErrorText();
  const { theme, changeLocale, changeTheme, error } = useAppearance();
  return (
    <div className="space-y-5">
      {error ? <Notice>{errorText(error)}</Notice> : null}
      <div className="space-y-1.5">
        <label htmlFor="pref-language" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          {t('common.language')}
        </label>
        <Select
          id="pref-language"
          className="max-w-xs"
          value={me?.locale ?? ''}
          onChange={(e) => changeLocale(isLocale(e.target.value) ? e.target.value : null)}
        >
          <option value="">{t('profile.languageBrowser')}</option>
          <option value="en" lang="en">
            English
          </option>
          <option value="zh" lang="zh-CN">
            中文
          </option>
        </Select>
      </div>
      <div className="space-y-1.5">
        <p className="text-sm font-medium text-slate-700 dark:text-slate-300">{t('common.theme')}</p>
        <ThemeToggle value={theme} onChange={changeTheme} />
      </div>
    </div>
  );
}
