/**
 * Matches a request's method and path against the API's routes the way API Gateway does:
 * an unknown path is a 404, a known path with another method is a 405 listing the allowed ones.
 */

/** A route: a method on an exact resource path, and what serves it. */
export interface Route<Target> {
  readonly method: string;
  readonly path: string;
  readonly target: Target;
}

/** The outcome of matching one request. */
export type RouteMatch<Target> =
  | { readonly kind: "found"; readonly route: Route<Target> }
  | { readonly kind: "not-found" }
  | { readonly kind: "method-not-allowed"; readonly allow: readonly string[] };

/** Finds the route for a method and path (the path without its query string). */
export function matchRoute<Target>(
  routes: readonly Route<Target>[],
  method: string,
  path: string,
): RouteMatch<Target> {
  const onPath = routes.filter((route) => route.path === path);
  if (onPath.length === 0) return { kind: "not-found" };
  const route = onPath.find((r) => r.method === method);
  if (route) return { kind: "found", route };
  return { kind: "method-not-allowed", allow: [...new Set(onPath.map((r) => r.method))].sort() };
}
