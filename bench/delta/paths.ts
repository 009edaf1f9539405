/**
 * The source the update figure builds from: what `npm run snapshot` builds build/snapshot from
 * ($ONET_SOURCE, else ../shared/onet/db_29_3_text beside the repository; the extras beside it).
 */
import { resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '../..');
export const DELTA_SOURCE = resolve(process.env.ONET_SOURCE?.trim() || resolve(REPO, '../shared/onet/db_29_3_text'));
export const DELTA_EXTRAS = resolve(REPO, '../shared/onet/extras');
