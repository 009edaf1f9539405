/**
 * The details route's request flags: the parts served from O*NET data, and the flags accepted for
 * compatibility whose data comes from other agencies (named in `NotAvailable`, never invented).
 */

/**
 * Flags served from O*NET data, in the spec's order, then this engine's additions (`workActivities`,
 * `workContext`: O*NET domains the remote service does not offer). All default to false.
 */
export const DETAIL_FLAGS = [
  'training',
  'interest',
  'tasks',
  'dwas',
  'alternateOnetTitles',
  'relatedOnetTitles',
  'skills',
  'knowledge',
  'ability',
  'toolsAndTechnology',
  'workValues',
  'workActivities',
  'workContext',
] as const;
export type DetailFlag = (typeof DETAIL_FLAGS)[number];

/** A requested part this engine cannot serve, and why. */
export interface NotAvailablePart {
  /** The request flag. */
  Flag: string;
  /** The response fields that the flag would add. */
  Parts: string[];
  Reason: string;
}

/** Flags accepted for compatibility whose data comes from other agencies: never served. */
export const UNAVAILABLE_FLAGS: Readonly<Record<string, Omit<NotAvailablePart, 'Flag'>>> = {
  videos: { Parts: ['COSVideoURL', 'Video'], Reason: 'Career videos are CareerOneStop media, not O*NET data; this offline engine has none.' },
  wages: { Parts: ['Wages', 'SocWageInfo'], Reason: 'Wages come from BLS Occupational Employment and Wage Statistics (OEWS), which the O*NET snapshot does not include.' },
  projectedEmployment: { Parts: ['Projections'], Reason: 'Employment projections come from the BLS Employment Projections program and state LMI agencies, not from O*NET.' },
  ooh: { Parts: ['OOHs'], Reason: 'Occupational Outlook Handbook links are BLS data, not O*NET data.' },
  stateLMILinks: { Parts: ['StateResourcesLinks'], Reason: 'State Labor Market Information links are a CareerOneStop directory, not O*NET data.' },
  trainingPrograms: { Parts: ['TrainingPrograms'], Reason: 'Training programs come from CareerOneStop’s SOC–CIP program directory, not from O*NET.' },
  industryEmpPattern: {
    Parts: ['Projections.IndustryOccEmplt'],
    Reason: 'Industry employment patterns come from the BLS Employment Projections industry–occupation matrix, not from O*NET.',
  },
};

/**
 * What `training=true` cannot carry: the BLS education and training assignments. Exported so that
 * the benchmark baselines answer with the very same texts; each answer carries its own copy
 * (answers may be mutated by callers).
 */
export const TRAINING_BLS_PARTS: Readonly<NotAvailablePart> = {
  Flag: 'training',
  Parts: [
    'EducationTraining.EducationCode',
    'EducationTraining.EducationTitle',
    'EducationTraining.ExperienceCode',
    'EducationTraining.ExperienceTitle',
    'EducationTraining.TrainingCode',
    'EducationTraining.TrainingTitle',
    'EducationTraining.OccupationTitle',
    'EducationTraining.MatOccupation',
  ],
  Reason:
    'These are BLS Employment Projections education and training assignments, not O*NET data. EducationTraining carries O*NET’s Required Level of Education distribution and the Job Zone instead.',
};

/** Parts whose O*NET table is optional, by flag: the response field, the table and the file it comes from. */
export const OPTIONAL_PARTS = {
  ability: { part: 'AbilityDataList', table: 'abilities', file: 'Abilities.txt', domain: 'Abilities' },
  workActivities: { part: 'WorkActivityDataList', table: 'workActivities', file: 'Work Activities.txt', domain: 'Work Activities' },
  workContext: { part: 'WorkContextDataList', table: 'workContext', file: 'Work Context.txt', domain: 'Work Context' },
  workValues: { part: 'WorkValuesOccupationDetails', table: 'workValues', file: 'Work Values.txt', domain: 'Work Values' },
} as const;

/** The `NotAvailable` entry of an optional part the snapshot does not have. */
export function missingPart(flag: keyof typeof OPTIONAL_PARTS): NotAvailablePart {
  const { part, file, domain } = OPTIONAL_PARTS[flag];
  return { Flag: flag, Parts: [part], Reason: `This snapshot has no O*NET ${domain} data (the source release it was built from did not include ${file}).` };
}

/** The `NotAvailable` entry for the Tools half of `toolsAndTechnology` when the release has no Tools Used table. */
export function missingToolsPart(): NotAvailablePart {
  return {
    Flag: 'toolsAndTechnology',
    Parts: ['ToolsandTechOccupationDetails.Tools'],
    Reason: 'This snapshot has no O*NET Tools Used data (the source release it was built from did not include Tools Used.txt).',
  };
}
