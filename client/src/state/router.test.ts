// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articlePath, authPath, matchRoute, navigate, safeNext, useLocation } from './router.js';

beforeEach(() => {
  window.history.replaceState(null, '', '/');
});

afterEach(() => {
  cleanup();
});

describe('matchRoute', () => {
  it.each([
    ['/', { page: 'home' }],
    ['/sign-in', { page: 'sign-in' }],
    ['/sign-in/', { page: 'sign-in' }],
    ['/register', { page: 'register' }],
    ['/moderate//', { page: 'moderate' }],
    ['/summaries/deb_1-A', { page: 'summaries', debateId: 'deb_1-A' }],
    ['/debates/d-9/report', { page: 'debate-report', debateId: 'd-9' }],
    ['/a/the-article', { page: 'article', slug: 'the-article' }],
    ['/a/caf%C3%A9', { page: 'article', slug: 'café' }],
    ['/a/the-article/', { page: 'article', slug: 'the-article' }],
  ])('maps %s', (path, route) => {
    expect(matchRoute(path)).toEqual(route);
  });

  it.each([
    '/unknown',
    '/a/',
    '/a/x/y',
    '/a/%E0%A4%A',
    '/summaries/has space',
    `/summaries/${'x'.repeat(65)}`,
    '/summaries/',
    '/debates/d/report/extra',
    `/debates/${'x'.repeat(101)}/report`,
    '/Sign-in',
  ])('does not find %s', (path) => {
    expect(matchRoute(path)).toEqual({ page: 'not-found' });
  });

  it('accepts the longest ids allowed', () => {
    expect(matchRoute(`/summaries/${'x'.repeat(64)}`).page).toBe('summaries');
    expect(matchRoute(`/debates/${'x'.repeat(100)}/report`).page).toBe('debate-report');
  });
});

describe('paths', () => {
  it('encodes the slug of an article path so that it routes back to the same slug', () => {
    expect(articlePath('a b/c')).toBe('/a/a%20b%2Fc');
    expect(matchRoute(articlePath('a b/c'))).toEqual({ page: 'article', slug: 'a b/c' });
  });

  it('follows only paths on this site', () => {
    expect(safeNext('/a/x?y=1')).toBe('/a/x?y=1');
    expect(safeNext(null)).toBe('/');
    expect(safeNext('')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
  });

  it('builds sign-in and register paths that come back where they started', () => {
    expect(authPath('sign-in', '/')).toBe('/sign-in');
    expect(authPath('register', '/a/x?sort=new')).toBe('/register?next=%2Fa%2Fx%3Fsort%3Dnew');
  });
});

describe('navigate and useLocation', () => {
  it('moves to a path, adding a history entry, and re-renders the location', () => {
    const { result } = renderHook(() => useLocation());
    expect(result.current.pathname).toBe('/');
    const entries = window.history.length;

    act(() => navigate('/a/x?sort=new'));

    expect(window.location.pathname).toBe('/a/x');
    expect(window.history.length).toBe(entries + 1);
    expect(result.current.pathname).toBe('/a/x');
    expect(result.current.searchParams.get('sort')).toBe('new');
  });

  it('replaces the history entry when asked', () => {
    navigate('/first');
    const entries = window.history.length;
    navigate('/second', { replace: true });
    expect(window.location.pathname).toBe('/second');
    expect(window.history.length).toBe(entries);
  });

  it('does nothing when already there', () => {
    navigate('/here?x=1');
    const entries = window.history.length;
    let events = 0;
    const count = () => (events += 1);
    window.addEventListener('parley:navigate', count);
    navigate('/here?x=1');
    window.removeEventListener('parley:navigate', count);
    expect(events).toBe(0);
    expect(window.history.length).toBe(entries);
  });

  it('follows back and forward (popstate)', () => {
    const { result } = renderHook(() => useLocation());
    act(() => {
      window.history.pushState(null, '', '/moderate');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    expect(result.current.pathname).toBe('/moderate');
  });
});
