import { describe, expect, it } from 'vitest';
import { matchRoute } from './router.js';

describe('matchRoute: account pages (issue 15)', () => {
  it.each([
    ['/forgot-password', { page: 'forgot-password' }],
    ['/reset-password', { page: 'reset-password' }],
    ['/reset-password/', { page: 'reset-password' }],
    ['/admin/users', { page: 'admin-users' }],
    ['/admin/users/x', { page: 'not-found' }],
  ])('maps %s', (path, route) => {
    expect(matchRoute(path)).toEqual(route);
  });
});
