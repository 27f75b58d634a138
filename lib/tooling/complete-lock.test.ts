import { describe, expect, it } from 'vitest';
import { platformOf } from './complete-lock';

describe('platformOf', () => {
  it('reads os, cpu and libc from a native package name', () => {
    expect(platformOf('@next/swc-darwin-arm64')).toEqual({ os: ['darwin'], cpu: ['arm64'] });
    expect(platformOf('@next/swc-win32-x64-msvc')).toEqual({ os: ['win32'], cpu: ['x64'] });
    expect(platformOf('@unrs/resolver-binding-linux-arm-musleabihf')).toEqual({ os: ['linux'], cpu: ['arm'], libc: ['musl'] });
    expect(platformOf('@tailwindcss/oxide-linux-arm-gnueabihf')).toEqual({ os: ['linux'], cpu: ['arm'], libc: ['glibc'] });
    expect(platformOf('@unrs/resolver-binding-linux-riscv64-gnu')).toEqual({ os: ['linux'], cpu: ['riscv64'], libc: ['glibc'] });
    expect(platformOf('@tailwindcss/oxide-wasm32-wasi')).toEqual({ cpu: ['wasm32'] });
  });

  it('refuses a name that states no platform', () => {
    expect(platformOf('sharp')).toBeNull();
    expect(platformOf('@img/colour')).toBeNull();
  });
});
