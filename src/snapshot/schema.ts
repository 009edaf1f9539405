/**
 * The snapshot schema: which tables a snapshot holds and the type of each column.
 *
 * This is the contract between the snapshot builder (tools/, Node), the codec (pure) and the
 * engine (pure, runs in a Worker, in Node and in-page). Columns are stored column-wise; every row
 * reference to another table is the referenced row's index (not its code), so the engine joins by
 * array lookup. See docs/snapshot-format.md.
 */

/**
 * Column encodings. `x100` stores a decimal with two places as an unsigned 16-bit integer of
 * hundredths (0–655.35); `i100` the same as a signed 16-bit integer (−327.68…327.67), for scales
 * that go below zero (Work Styles WI, −3…+3).
 */
export type ColumnType = 'u8' | 'u16' | 'u32' | 'x100' | 'i100' | 'str';

/** Declarative description of one table. */
export interface TableSpec {
  /** Column name → encoding. Order is the on-disk order. */
  readonly columns: Readonly<Record<string, ColumnType>>;
  /** Optional tables may be absent from a snapshot (the source release did not ship them). */
  readonly optional?: boolean;
  /** One-line meaning, repeated in docs/snapshot-format.md. */
  readonly doc: string;
}

/**
 * Every table a snapshot can hold. Row references: `occ` → occupations, `element` → elements,
 * `dwa` → dwas, `iwa` → iwas, `related` → occupations.
 */
export const SCHEMA = {
  occupations: {
    doc: 'One row per O*NET-SOC occupation (Occupation Data), sorted by code.',
    columns: {
      code: 'str',
      title: 'str',
      description: 'str',
      /** 1–5; 0 when O*NET has no job zone for the occupation. */
      jobZone: 'u8',
      /** Bit mask of BRIGHT_OUTLOOK_CATEGORIES (bit i set = category i). */
      brightOutlook: 'u8',
      /** Bit mask of STEM type codes: bit (code − 1) set = in STEM type `code` (1–5). */
      stemTypes: 'u8',
    },
  },
  jobZones: {
    doc: 'Job Zone Reference: one row per job zone 1–5.',
    columns: { zone: 'u8', name: 'str', experience: 'str', education: 'str', jobTraining: 'str', examples: 'str', svpRange: 'str' },
  },
  jobFamilies: {
    doc: 'SOC 2018 major groups ("job families"): code NN-0000 and title.',
    columns: { code: 'str', title: 'str' },
  },
  elements: {
    doc: 'Content Model Reference: element id, name, description.',
    columns: { id: 'str', name: 'str', description: 'str' },
  },
  levelAnchors: {
    doc: 'Level Scale Anchors: example activities at anchor values of a scale (signed: WI anchors go below zero).',
    columns: { element: 'u16', scale: 'str', anchor: 'i100', description: 'str' },
  },
  skills: {
    doc: 'Skills ratings (classic Skills; modern Essential Skills + Transferable Skills): IM (1–5) and LV (0–7) per occupation × skill, grouped by occupation.',
    columns: { occ: 'u16', element: 'u16', scale: 'str', value: 'x100', flags: 'u8' },
  },
  knowledge: {
    doc: 'Knowledge ratings (IM, LV).',
    columns: { occ: 'u16', element: 'u16', scale: 'str', value: 'x100', flags: 'u8' },
  },
  abilities: {
    doc: 'Abilities ratings (IM, LV). Absent from some distributions of the 29.3 text files (the Abilities.txt file is missing).',
    optional: true,
    columns: { occ: 'u16', element: 'u16', scale: 'str', value: 'x100', flags: 'u8' },
  },
  workActivities: {
    doc: 'Generalized Work Activities ratings (IM, LV).',
    optional: true,
    columns: { occ: 'u16', element: 'u16', scale: 'str', value: 'x100', flags: 'u8' },
  },
  workContext: {
    doc: 'Work Context ratings (CX, CT, CXP/CTP categories are folded to their context value).',
    optional: true,
    columns: { occ: 'u16', element: 'u16', scale: 'str', category: 'u8', value: 'x100', flags: 'u8' },
  },
  interests: {
    doc: 'Interests (classic Interests; modern Career Interest Types): OI (occupational interest 1–7) and IH (high-point codes).',
    columns: { occ: 'u16', element: 'u16', scale: 'str', value: 'x100' },
  },
  specificInterests: {
    doc: 'Specific Interest Areas (1.B.3.*, modern layout only): OI (1–7) and DS (display rank).',
    optional: true,
    columns: { occ: 'u16', element: 'u16', scale: 'str', value: 'x100' },
  },
  workValues: {
    doc: 'Work Values: EX (extent 1–7) and VH (high-point codes). Absent from the modern layout (last in 30.2).',
    optional: true,
    columns: { occ: 'u16', element: 'u16', scale: 'str', value: 'x100' },
  },
  workStyles: {
    doc: 'Work Styles: IM (1–5, 1.C.* styles, up to 30.0) or WI (−3…+3) and DR (0–10, 0 = unranked) for the 1.D.* styles (30.1 on); value is signed.',
    columns: { occ: 'u16', element: 'u16', scale: 'str', value: 'i100', flags: 'u8' },
  },
  education: {
    doc: 'Education, Training, and Experience (modern: Education + Training and Experience): percent of respondents per category (RL, RW, PT, OJ).',
    columns: { occ: 'u16', element: 'u16', scale: 'str', category: 'u8', value: 'x100', flags: 'u8' },
  },
  educationCategories: {
    doc: 'Education, Training, and Experience Categories: category descriptions.',
    columns: { element: 'u16', scale: 'str', category: 'u8', description: 'str' },
  },
  iwas: {
    doc: 'Intermediate Work Activities, with their Generalized Work Activity (an element row).',
    columns: { id: 'str', title: 'str', gwa: 'u16' },
  },
  dwas: {
    doc: 'Detailed Work Activities, with their IWA.',
    columns: { id: 'str', title: 'str', iwa: 'u16' },
  },
  dwaAliases: {
    doc: 'The same DWA under its ID in another release layout (classic IDs like 4.A.4.b.4.I09.D03, modern like 4.A.4.b.4.j.12), paired by normalised title; grouped by dwa row.',
    optional: true,
    columns: { alias: 'str', dwa: 'u16' },
  },
  tasks: {
    doc: 'Task Statements, grouped by occupation in source order. type: 1 Core, 2 Supplemental, 0 n/a.',
    columns: { occ: 'u16', taskId: 'u32', text: 'str', type: 'u8' },
  },
  taskDwas: {
    doc: 'Tasks to DWAs: task row index → DWA.',
    columns: { task: 'u32', dwa: 'u16' },
  },
  occupationDwas: {
    doc: 'Occupation → DWA links in the stable per-occupation order (see docs/ranking.md), grouped by occupation.',
    columns: { occ: 'u16', dwa: 'u16' },
  },
  alternateTitles: {
    doc: 'Alternate Titles (modern: Job Titles), with short title (empty when n/a) and the Source(s) codes as given ("02,10").',
    columns: { occ: 'u16', title: 'str', shortTitle: 'str', sources: 'str' },
  },
  reportedTitles: {
    doc: 'Sample of Reported Titles; shown = 1 when shown in My Next Move.',
    columns: { occ: 'u16', title: 'str', shown: 'u8' },
  },
  relatedOccupations: {
    doc: 'Related Occupations, in O*NET index order per occupation.',
    columns: { occ: 'u16', related: 'u16', tier: 'str', rank: 'u8' },
  },
  technologySkills: {
    doc: 'Technology Skills (classic: UNSPSC commodity code and title, categoryId empty) or Software Skills (modern: commodityCode 0, commodityTitle = the 2.E.* category name, categoryId = its element id); hot/inDemand flags.',
    columns: { occ: 'u16', example: 'str', commodityCode: 'u32', commodityTitle: 'str', hot: 'u8', inDemand: 'u8', categoryId: 'str' },
  },
  tools: {
    doc: 'Tools Used examples with UNSPSC commodity. Absent from the modern layout.',
    optional: true,
    columns: { occ: 'u16', example: 'str', commodityCode: 'u32', commodityTitle: 'str' },
  },
  taskRatings: {
    doc: 'Task Ratings importance (IM, 1–5), one row per rated task, sorted by task row.',
    optional: true,
    columns: { task: 'u32', value: 'x100' },
  },
  taskRatingScales: {
    doc: 'Task Ratings, every scale: IM (1–5), RT (relevance, percent), FT (frequency, percent per category 1–7); sorted by task row, source order within.',
    optional: true,
    columns: { task: 'u32', scale: 'str', category: 'u8', value: 'x100', flags: 'u8' },
  },
  green: {
    doc: 'Green-economy occupations (O*NET no longer publishes the list: usually absent).',
    optional: true,
    columns: { occ: 'u16' },
  },
} as const satisfies Record<string, TableSpec>;

/** Name of a snapshot table. */
export type TableName = keyof typeof SCHEMA;

/** Bright Outlook categories in bit order of `occupations.brightOutlook`. */
export const BRIGHT_OUTLOOK_CATEGORIES = ['Rapid Growth', 'Numerous Job Openings', 'New and Emerging'] as const;

/** STEM occupation types; `code` is the O*NET Web Services type code, bit (code − 1) of `occupations.stemTypes`. */
export const STEM_TYPES = [
  { code: 1, title: 'Research, Development, Design, and Practitioners' },
  { code: 2, title: 'Technologists and Technicians' },
  { code: 3, title: 'Postsecondary Teaching' },
  { code: 4, title: 'Managerial' },
  { code: 5, title: 'Sales' },
] as const;

/** Bit values of rating `flags` columns. */
export const RATING_FLAGS = {
  /** O*NET "Recommend Suppress" = Y (low precision estimate). */
  suppress: 1,
  /** O*NET "Not Relevant" = Y (level not rated because importance too low). */
  notRelevant: 2,
} as const;

/** Decoded string column: a dictionary plus one index per row. */
export interface StringColumn {
  readonly kind: 'str';
  /** Distinct values in first-seen order. */
  readonly values: readonly string[];
  /** Row → index into `values`. */
  readonly index: Uint8Array | Uint16Array | Uint32Array;
}

/** The decoded in-memory form of a column of the given type. */
export type DecodedColumn<T extends ColumnType> = T extends 'str'
  ? StringColumn
  : T extends 'u8'
    ? Uint8Array
    : T extends 'u32'
      ? Uint32Array
      : T extends 'i100'
        ? Int16Array
        : Uint16Array;

/** A decoded table: its row count and typed columns. */
export type Table<N extends TableName> = {
  readonly rows: number;
  readonly columns: DecodedColumns<(typeof SCHEMA)[N]['columns']>;
};

/** Maps a table's column spec to decoded column types. */
export type DecodedColumns<S extends Readonly<Record<string, ColumnType>>> = { readonly [C in keyof S]: DecodedColumn<S[C]> };

/** Snapshot-level metadata, stored in the container header. */
export interface SnapshotInfo {
  /** O*NET database release, e.g. "29.3". */
  readonly release: string;
  /** Human description of the source (e.g. "O*NET 29.3 Database (May 2025)"). */
  readonly source: string;
  /** Attribution text required by the O*NET licence. */
  readonly attribution: string;
  /**
   * Text layout the builder read: `classic` (up to 30.2) or `modern` (30.3 on), see docs/releases.md.
   * The builder always sets it; snapshots assembled by hand (tests) may leave it out.
   */
  readonly layout?: SourceLayout;
}

/** O*NET text-download layouts: `classic` up to release 30.2, `modern` from 30.3. */
export type SourceLayout = 'classic' | 'modern';

/** Every {@link SourceLayout}. */
export const SOURCE_LAYOUTS: readonly SourceLayout[] = ['classic', 'modern'];

/** A fully decoded snapshot. Optional tables are absent when the source had none. */
export type Snapshot = {
  readonly info: SnapshotInfo;
  readonly tables: { readonly [N in TableName]?: Table<N> };
};

/** Reads string `row` of a decoded string column. */
export function str(column: StringColumn, row: number): string {
  return column.values[column.index[row]!]!;
}
