/**
 * Occupation catalog routes: filtered list, STEM browse, occupation details (issue 4).
 */
import type { RouteDef } from '../routes.js';

/** Catalog routes, assembled into the engine's dispatcher. */
export const catalogRoutes: readonly RouteDef[] = [];
