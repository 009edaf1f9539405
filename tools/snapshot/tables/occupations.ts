/**
 * Occupations (Occupation Data + Job Zones), Job Zone Reference, job families and Related
 * Occupations. Same files in both layouts; from 30.2 the job zones are 2–5 (zone 2 is shown as
 * "Job Zone 1-2") and Job Zone Reference has 4 rows, which needs nothing special: every zone an
 * occupation has must be a row of Job Zone Reference.
 */
import { columns } from '../columns.js';
import { CODE, SOC_CODE, compareStrings, type BuildContext } from '../context.js';
import { COMMON_FILES } from '../layout.js';
import { sourceError } from '../parse.js';

/** The 23 SOC 2018 major groups with their O*NET job-family titles. */
export const JOB_FAMILIES: readonly (readonly [code: string, title: string])[] = [
  ['11-0000', 'Management'],
  ['13-0000', 'Business and Financial Operations'],
  ['15-0000', 'Computer and Mathematical'],
  ['17-0000', 'Architecture and Engineering'],
  ['19-0000', 'Life, Physical, and Social Science'],
  ['21-0000', 'Community and Social Service'],
  ['23-0000', 'Legal'],
  ['25-0000', 'Educational Instruction and Library'],
  ['27-0000', 'Arts, Design, Entertainment, Sports, and Media'],
  ['29-0000', 'Healthcare Practitioners and Technical'],
  ['31-0000', 'Healthcare Support'],
  ['33-0000', 'Protective Service'],
  ['35-0000', 'Food Preparation and Serving Related'],
  ['37-0000', 'Building and Grounds Cleaning and Maintenance'],
  ['39-0000', 'Personal Care and Service'],
  ['41-0000', 'Sales and Related'],
  ['43-0000', 'Office and Administrative Support'],
  ['45-0000', 'Farming, Fishing, and Forestry'],
  ['47-0000', 'Construction and Extraction'],
  ['49-0000', 'Installation, Maintenance, and Repair'],
  ['51-0000', 'Production'],
  ['53-0000', 'Transportation and Material Moving'],
  ['55-0000', 'Military Specific'],
];

export function buildOccupations(b: BuildContext): void {
  const t = b.read(COMMON_FILES.occupations);
  const c = columns(t, [CODE, 'Title', 'Description']);
  const seen = new Map<string, number>();
  t.rows.forEach((r, row) => {
    const code = r[c[CODE]]!.trim();
    if (!SOC_CODE.test(code)) throw t.error(row, c[CODE], `"${code}" is not an O*NET-SOC code (NN-NNNN.NN)`);
    if (seen.has(code)) throw t.error(row, c[CODE], `occupation ${code} is listed twice (also line ${t.lines[seen.get(code)!]})`);
    seen.set(code, row);
  });
  if (t.rows.length === 0) throw sourceError(t.file, 2, 1, `${t.file} has no occupations`);
  const order = [...seen.keys()].sort(compareStrings).map((code) => seen.get(code)!);
  order.forEach((row, i) => b.occIndex.set(t.rows[row]![c[CODE]]!.trim(), i));
  b.set('occupations', order.length, {
    code: order.map((row) => t.rows[row]![c[CODE]]!.trim()),
    title: order.map((row) => b.text(t, row, c.Title)),
    description: order.map((row) => t.rows[row]![c.Description]!.trim()),
    jobZone: new Array<number>(order.length).fill(0),
    brightOutlook: new Array<number>(order.length).fill(0),
    stemTypes: new Array<number>(order.length).fill(0),
  });
  const families = new Set(JOB_FAMILIES.map(([code]) => code));
  const strays = [...new Set(order.map((row) => `${t.rows[row]![c[CODE]]!.slice(0, 2)}-0000`))].filter((f) => !families.has(f));
  for (const f of strays) b.warnings.push(`${t.file}: occupations in major group ${f}, which is not a known SOC 2018 job family`);
}

const REFERENCE_COLUMNS = ['Job Zone', 'Name', 'Experience', 'Education', 'Job Training', 'Examples', 'SVP Range'] as const;

export function buildJobZones(b: BuildContext): void {
  // Job Zone Reference first: an occupation's zone must be one of its rows.
  const r = b.read(COMMON_FILES.jobZoneReference);
  const rc = columns(r, REFERENCE_COLUMNS);
  const order = r.rows.map((_, row) => row);
  const zoneOf = order.map((row) => b.uint(r, row, rc['Job Zone'], 5, 1));
  const known = new Set<number>();
  zoneOf.forEach((z, row) => {
    if (known.has(z)) throw r.error(row, rc['Job Zone'], `job zone ${z} is listed twice`);
    known.add(z);
  });
  order.sort((x, y) => zoneOf[x]! - zoneOf[y]!);
  const field = (row: number, name: (typeof REFERENCE_COLUMNS)[number]) => r.rows[row]![rc[name]]!.trim();
  b.set('jobZones', order.length, {
    zone: order.map((row) => zoneOf[row]!),
    name: order.map((row) => field(row, 'Name')),
    experience: order.map((row) => field(row, 'Experience')),
    education: order.map((row) => field(row, 'Education')),
    jobTraining: order.map((row) => field(row, 'Job Training')),
    examples: order.map((row) => field(row, 'Examples')),
    svpRange: order.map((row) => field(row, 'SVP Range')),
  });

  const t = b.read(COMMON_FILES.jobZones);
  const c = columns(t, [CODE, 'Job Zone']);
  const zones = b.tables.occupations!.columns.jobZone as number[];
  const seenAt = new Map<number, number>();
  t.rows.forEach((_, row) => {
    const occ = b.occ(t, row, c[CODE]);
    if (seenAt.has(occ)) throw t.error(row, c[CODE], `occupation has a second job zone (first at line ${t.lines[seenAt.get(occ)!]})`);
    seenAt.set(occ, row);
    const zone = b.uint(t, row, c['Job Zone'], 5, 1);
    if (!known.has(zone)) throw t.error(row, c['Job Zone'], `job zone ${zone} is not in ${r.file} (zones there: ${[...known].sort((x, y) => x - y).join(', ')})`);
    zones[occ] = zone;
  });
}

export function buildJobFamilies(b: BuildContext): void {
  b.set('jobFamilies', JOB_FAMILIES.length, { code: JOB_FAMILIES.map(([code]) => code), title: JOB_FAMILIES.map(([, title]) => title) });
}

export function buildRelated(b: BuildContext): void {
  const t = b.read(COMMON_FILES.relatedOccupations);
  const c = columns(t, [CODE, 'Related O*NET-SOC Code', 'Relatedness Tier', 'Index']);
  const rows = b.groupByOcc([{ t, occCol: c[CODE] }]);
  b.set('relatedOccupations', rows.length, {
    occ: rows.map((r) => r.occ),
    related: rows.map(({ row }) => b.occ(t, row, c['Related O*NET-SOC Code'])),
    tier: rows.map(({ row }) => b.text(t, row, c['Relatedness Tier'])),
    rank: rows.map(({ row }) => b.uint(t, row, c.Index, 255)),
  });
}
