// The route table: a method and a path pattern lead to one handler, matched against the request's decoded path segments.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './errors.js';

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The names a pattern binds: `:roomId` binds roomId; a last segment `*` binds `rest` (what is left, joined by '/'). */
type ParamNames<P extends string> = P extends `${infer Head}/${infer Tail}`
  ? ParamNames<Head> | ParamNames<Tail>
  : P extends `:${infer Name}`
    ? Name
    : P extends '*'
      ? 'rest'
      : never;

export type Params<P extends string> = { readonly [K in ParamNames<P>]: string };

export interface RouteRequest<T = Readonly<Record<string, string>>> {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: T;
}

export type Handler<T = Readonly<Record<string, string>>> = (r: RouteRequest<T>) => Promise<void> | void;

/** A further condition on the address (a query parameter, a segment's form); a request that fails it is unmatched. */
export type Guard<T = Readonly<Record<string, string>>> = (url: URL, params: T) => boolean;

export interface RouteOptions<T> {
  /** Answered before the cross-site check and the per-address allowance (the health check). */
  open?: boolean;
  when?: Guard<T>;
}

export interface Route {
  methods: readonly Method[] | '*';
  pattern: string;
  segments: readonly string[];
  /** Answered before the cross-site check and the per-address allowance (the health check). */
  open: boolean;
  when: Guard | undefined;
  handle: Handler;
}

/** One row of the table; the handler's parameters are checked against the pattern by the compiler. */
export function route<const P extends string>(
  method: Method | readonly Method[] | '*',
  pattern: P,
  handle: Handler<Params<P>>,
  options: RouteOptions<Params<P>> = {},
): Route {
  return {
    methods: method === '*' ? '*' : typeof method === 'string' ? [method] : method,
    pattern,
    segments: pattern.split('/').filter(Boolean),
    open: options.open ?? false,
    // The match below binds exactly the pattern's names, which is what Params<P> promises.
    when: options.when as Guard | undefined,
    handle: handle as Handler,
  };
}

/** The decoded, non-empty segments of a path; a malformed %-escape is the client's mistake. */
export function pathSegments(pathname: string): string[] {
  try {
    return pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    throw new HttpError(400, 'invalid_request', 'Adressen indeholder ugyldige %-tegn.');
  }
}

function bind(pattern: readonly string[], path: readonly string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i]!;
    if (want === '*' && i === pattern.length - 1) {
      params.rest = path.slice(i).join('/');
      return params;
    }
    const got = path[i];
    if (got === undefined) return undefined;
    if (want.startsWith(':')) params[want.slice(1)] = got;
    else if (want !== got) return undefined;
  }
  return path.length === pattern.length ? params : undefined;
}

export interface RouteTable {
  /** The first route, in the table's order, whose method and pattern fit. */
  match(method: string, path: readonly string[], url: URL): { route: Route; params: Record<string, string> } | undefined;
}

export function routeTable(routes: readonly Route[]): RouteTable {
  return {
    match(method, path, url) {
      for (const r of routes) {
        if (r.methods !== '*' && !(r.methods as readonly string[]).includes(method)) continue;
        const params = bind(r.segments, path);
        if (params && (!r.when || r.when(url, params))) return { route: r, params };
      }
      return undefined;
    },
  };
}
