/**
 * Occupation catalog routes: filtered list, STEM browse, occupation details (issue 4).
 * Parameters, orders and every decision: docs/catalog.md.
 */
import type { RouteDef } from '../routes.js';
import { occupationDetails } from './details/index.js';
import { listOccupations } from './list.js';
import { listStemTypes, stemOccupations } from './stem.js';

/** Catalog routes, assembled into the engine's dispatcher. */
export const catalogRoutes: readonly RouteDef[] = [
  { path: '/v1/occupations', handler: (ix, req) => listOccupations(ix, req) },
  { path: '/online/stem_occupations', handler: (ix, req) => listStemTypes(ix, req) },
  { path: '/online/stem_occupations/*', handler: (ix, req, [type]) => stemOccupations(ix, req, type) },
  { path: '/v1/occupation/*/*', handler: (ix, req, [keyword, location]) => occupationDetails(ix, req, keyword, location) },
];
