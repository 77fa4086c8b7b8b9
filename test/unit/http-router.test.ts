// The route table: patterns bind their names, a method or guard that does not fit leaves the request unmatched, first match wins.
import { describe, expect, it } from 'vitest';
import { pathSegments, route, routeTable } from '../../server/http/router.js';

const url = (path: string) => new URL(path, 'http://x');
const noop = () => undefined;

describe('route table', () => {
  const table = routeTable([
    route('GET', '/api/rooms/:roomId', noop),
    route('PATCH', '/api/rooms/:roomId/members/:memberId', noop),
    route('*', '/api/rooms/:roomId/members/*', noop),
    route(['GET', 'HEAD'], '/j', noop, { when: (u) => u.searchParams.has('code') }),
    route(['GET', 'HEAD'], '/', noop),
  ]);
  const match = (method: string, path: string) => table.match(method, pathSegments(url(path).pathname), url(path));

  it('binds the pattern’s names from the decoded segments', () => {
    expect(match('GET', '/api/rooms/a%20b')?.params).toEqual({ roomId: 'a b' });
    expect(match('PATCH', '/api/rooms/r/members/m')?.params).toEqual({ roomId: 'r', memberId: 'm' });
  });

  it('leaves a request unmatched when the method or the length does not fit', () => {
    expect(match('POST', '/api/rooms/r')).toBeUndefined();
    expect(match('GET', '/api/rooms/r/extra')).toBeUndefined();
    expect(match('POST', '/')).toBeUndefined();
  });

  it('takes the first route that fits; a last * takes the rest, also nothing', () => {
    expect(match('PATCH', '/api/rooms/r/members/m')?.route.pattern).toBe('/api/rooms/:roomId/members/:memberId');
    expect(match('PUT', '/api/rooms/r/members/m/x')?.params).toEqual({ roomId: 'r', rest: 'm/x' });
    expect(match('GET', '/api/rooms/r/members')?.params).toEqual({ roomId: 'r', rest: '' });
  });

  it('asks the guard', () => {
    expect(match('GET', '/j?code=123456')).toBeDefined();
    expect(match('HEAD', '/j')).toBeUndefined();
  });

  it('refuses a malformed %-escape as the client’s mistake', () => {
    expect(() => pathSegments('/api/%E0%A4%A')).toThrow(expect.objectContaining({ status: 400, code: 'invalid_request' }));
  });
});
