import { describe, expect, it } from 'vitest';
import { readFrameMessage, readHostMessage } from './protocol.js';

describe('embed messages', () => {
  it('reads the page’s messages and nothing else', () => {
    expect(readHostMessage({ source: 'parley-host', type: 'sso-token', token: 'a.b.c' })).toEqual({
      source: 'parley-host',
      type: 'sso-token',
      token: 'a.b.c',
    });
    expect(readHostMessage({ source: 'parley-host', type: 'sso-token', token: null })?.type).toBe('sso-token');
    expect(readHostMessage({ source: 'parley-host', type: 'theme', theme: 'dark' })).toMatchObject({ theme: 'dark' });
    for (const bad of [
      null,
      'sign-out',
      { source: 'parley', type: 'sign-out' },
      { source: 'parley-host', type: 'theme', theme: 'sepia' },
      { source: 'parley-host', type: 'sso-token', token: '' },
      { source: 'parley-host', type: 'sso-token', token: 'x'.repeat(8001) },
      { source: 'parley-host', type: 'sso-token', token: 42 },
      { source: 'parley-host', type: 'navigate', to: 'https://evil.example' },
    ])
      expect(readHostMessage(bad)).toBeNull();
  });

  it('reads the frame’s messages, bounding the height', () => {
    expect(readFrameMessage({ source: 'parley', type: 'height', height: 412.2 })).toEqual({
      source: 'parley',
      type: 'height',
      height: 413,
    });
    expect(readFrameMessage({ source: 'parley', type: 'height', height: 1e9 })).toMatchObject({ height: 100_000 });
    expect(readFrameMessage({ source: 'parley', type: 'height', height: -1 })).toBeNull();
    expect(readFrameMessage({ source: 'parley', type: 'height', height: Number.NaN })).toBeNull();
    expect(readFrameMessage({ source: 'parley', type: 'session', user: { name: 'Ayesha', sso: true } })).toMatchObject({
      user: { name: 'Ayesha', sso: true },
    });
    expect(readFrameMessage({ source: 'parley', type: 'sso-result', ok: false })).toMatchObject({
      ok: false,
      code: 'SSO_INVALID',
    });
    expect(readFrameMessage({ source: 'parley-host', type: 'ready' })).toBeNull();
  });
});
