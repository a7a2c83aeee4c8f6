/** Method + path-pattern routing; `:name` segments become params (URI-decoded). */
import type { RouteHandler, RouteOptions, Router } from './types';

export interface Route {
	method: string;
	pattern: string;
	segments: string[];
	handler: RouteHandler;
	options: RouteOptions;
}

export interface RouteMatch {
	route: Route;
	params: Record<string, string>;
}

export interface EmulatorRouter extends Router {
	match(method: string, path: string): RouteMatch | undefined;
	routes(): readonly Route[];
}

function splitPath(path: string): string[] {
	return path.split('/').filter((segment) => segment.length > 0);
}

function safeDecode(segment: string): string | undefined {
	try {
		return decodeURIComponent(segment);
	} catch {
		return undefined;
	}
}

export function createRouter(): EmulatorRouter {
	const routes: Route[] = [];

	function matchRoute(route: Route, segments: string[]): Record<string, string> | undefined {
		if (route.segments.length !== segments.length) return undefined;
		const params: Record<string, string> = {};
		for (let i = 0; i < segments.length; i++) {
			const expected = route.segments[i];
			if (expected.startsWith(':')) {
				const value = safeDecode(segments[i]);
				if (value === undefined) return undefined;
				params[expected.slice(1)] = value;
			} else if (expected !== segments[i]) {
				return undefined;
			}
		}
		return params;
	}

	return {
		add(method, pattern, handler, options = {}) {
			routes.push({ method: method.toUpperCase(), pattern, segments: splitPath(pattern), handler, options });
		},
		match(method, path) {
			const segments = splitPath(path);
			// Literal segments win over params ('/v1/messages/batches' over '/v1/messages/:id'), so try the
			// routes with the most literal segments first.
			const candidates = routes
				.filter((route) => route.method === method.toUpperCase())
				.sort((a, b) => literalCount(b) - literalCount(a));
			for (const route of candidates) {
				const params = matchRoute(route, segments);
				if (params) return { route, params };
			}
			return undefined;
		},
		routes: () => routes,
	};
}

function literalCount(route: Route): number {
	return route.segments.filter((segment) => !segment.startsWith(':')).length;
}
