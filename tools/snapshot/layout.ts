/**
 * The two O*NET text-download layouts and how to tell them apart (docs/releases.md).
 *
 * classic: every release up to 30.2 (Skills.txt, Alternate Titles.txt, DWA Reference.txt, …).
 * modern:  30.3 and later (Essential + Transferable Skills, Job Titles, Software Skills,
 *          GWAs to IWAs to DWAs, Career Interest Types, Education + Training and Experience).
 *
 * A layout is decided by which of the files that exist in only one layout are present; a folder
 * with files of both is refused, naming one of each. Headers are then checked file by file
 * against the columns this layout's reader needs (columns.ts), so a renamed column (e.g. the
 * classic `DWA ID` in a modern Tasks to DWAs.txt) is an error at `<file>:1:1`.
 */
import { OnetError } from '../../src/errors.js';
import type { SourceLayout } from '../../src/snapshot/schema.js';
import type { OnetSource } from './source.js';

/** Files that are the same in both layouts. */
export const COMMON_FILES = {
  readMe: 'Read Me.txt',
  occupations: 'Occupation Data.txt',
  jobZones: 'Job Zones.txt',
  jobZoneReference: 'Job Zone Reference.txt',
  elements: 'Content Model Reference.txt',
  levelAnchors: 'Level Scale Anchors.txt',
  scales: 'Scales Reference.txt',
  knowledge: 'Knowledge.txt',
  abilities: 'Abilities.txt',
  workActivities: 'Work Activities.txt',
  workContext: 'Work Context.txt',
  workStyles: 'Work Styles.txt',
  workValues: 'Work Values.txt',
  tasks: 'Task Statements.txt',
  taskDwas: 'Tasks to DWAs.txt',
  taskRatings: 'Task Ratings.txt',
  reportedTitles: 'Sample of Reported Titles.txt',
  relatedOccupations: 'Related Occupations.txt',
  tools: 'Tools Used.txt',
} as const;

/** Files only the classic layout (≤ 30.2) has. */
export const CLASSIC_FILES = {
  skills: 'Skills.txt',
  interests: 'Interests.txt',
  education: 'Education, Training, and Experience.txt',
  educationCategories: 'Education, Training, and Experience Categories.txt',
  iwas: 'IWA Reference.txt',
  dwas: 'DWA Reference.txt',
  alternateTitles: 'Alternate Titles.txt',
  technologySkills: 'Technology Skills.txt',
} as const;

/** Files only the modern layout (30.3+) has. */
export const MODERN_FILES = {
  essentialSkills: 'Essential Skills.txt',
  transferableSkills: 'Transferable Skills.txt',
  careerInterests: 'Career Interest Types.txt',
  specificInterests: 'Specific Interest Areas.txt',
  education: 'Education.txt',
  trainingExperience: 'Training and Experience.txt',
  educationCategories: 'Education Categories.txt',
  trainingExperienceCategories: 'Training and Experience Categories.txt',
  gwasIwasDwas: 'GWAs to IWAs to DWAs.txt',
  gwasIwas: 'GWAs to IWAs.txt',
  jobTitles: 'Job Titles.txt',
  softwareSkills: 'Software Skills.txt',
} as const;

/** Source files a layout cannot do without (a missing one is SOURCE_INVALID naming it). */
export const REQUIRED_FILES: Readonly<Record<SourceLayout, readonly string[]>> = {
  classic: [
    COMMON_FILES.occupations,
    COMMON_FILES.jobZones,
    COMMON_FILES.jobZoneReference,
    COMMON_FILES.elements,
    COMMON_FILES.levelAnchors,
    COMMON_FILES.scales,
    CLASSIC_FILES.skills,
    COMMON_FILES.knowledge,
    CLASSIC_FILES.interests,
    COMMON_FILES.workValues,
    COMMON_FILES.workStyles,
    CLASSIC_FILES.education,
    CLASSIC_FILES.educationCategories,
    CLASSIC_FILES.iwas,
    CLASSIC_FILES.dwas,
    COMMON_FILES.tasks,
    COMMON_FILES.taskDwas,
    CLASSIC_FILES.alternateTitles,
    COMMON_FILES.reportedTitles,
    COMMON_FILES.relatedOccupations,
    CLASSIC_FILES.technologySkills,
    COMMON_FILES.tools,
  ],
  modern: [
    COMMON_FILES.occupations,
    COMMON_FILES.jobZones,
    COMMON_FILES.jobZoneReference,
    COMMON_FILES.elements,
    COMMON_FILES.levelAnchors,
    COMMON_FILES.scales,
    MODERN_FILES.essentialSkills,
    MODERN_FILES.transferableSkills,
    COMMON_FILES.knowledge,
    MODERN_FILES.careerInterests,
    COMMON_FILES.workStyles,
    MODERN_FILES.education,
    MODERN_FILES.trainingExperience,
    MODERN_FILES.educationCategories,
    MODERN_FILES.trainingExperienceCategories,
    MODERN_FILES.gwasIwasDwas,
    COMMON_FILES.tasks,
    COMMON_FILES.taskDwas,
    MODERN_FILES.jobTitles,
    COMMON_FILES.reportedTitles,
    COMMON_FILES.relatedOccupations,
    MODERN_FILES.softwareSkills,
  ],
};

/** Every file name the builder may read, in either layout (a zip is unpacked for these only). */
export const ALL_FILES: readonly string[] = [...Object.values(COMMON_FILES), ...Object.values(CLASSIC_FILES), ...Object.values(MODERN_FILES)];

/**
 * Decides the layout of `source` from the layout-specific files present. Throws SOURCE_INVALID
 * when it has files of both layouts or of neither.
 */
export function detectLayout(source: OnetSource): SourceLayout {
  const classic = Object.values(CLASSIC_FILES).filter((f) => source.has(f));
  const modern = Object.values(MODERN_FILES).filter((f) => source.has(f));
  if (classic.length > 0 && modern.length > 0) {
    throw new OnetError(
      'SOURCE_INVALID',
      `${source.path} mixes the two O*NET layouts: "${modern[0]}" is a modern-layout file (30.3+) but "${classic[0]}" is a classic-layout file (≤ 30.2)` +
        ` (modern files here: ${modern.join(', ')}; classic files here: ${classic.join(', ')})`,
      { field: modern[0]!, suggestion: 'Build from one unpacked O*NET release: remove the files of the other release, or unpack it into its own folder.' },
    );
  }
  if (modern.length > 0) return 'modern';
  if (classic.length > 0) return 'classic';
  throw new OnetError(
    'SOURCE_INVALID',
    `${source.path} is neither O*NET layout: it has none of ${CLASSIC_FILES.skills}, ${CLASSIC_FILES.alternateTitles} (classic, ≤ 30.2) or ${MODERN_FILES.essentialSkills}, ${MODERN_FILES.jobTitles} (modern, 30.3+)`,
    { field: CLASSIC_FILES.skills, suggestion: 'Point at an unpacked O*NET text download (db_NN_N_text) or its zip.' },
  );
}

/** Throws SOURCE_INVALID naming the first file of `layout`'s required list that `source` lacks. */
export function checkRequiredFiles(source: OnetSource, layout: SourceLayout): void {
  for (const file of REQUIRED_FILES[layout]) {
    if (!source.has(file)) {
      throw new OnetError('SOURCE_INVALID', `Required O*NET file "${file}" is missing from ${source.path} (${layout} layout${layout === 'modern' ? ', 30.3+' : ', ≤ 30.2'})`, {
        field: file,
        suggestion: 'Use a complete O*NET text-layout download (https://www.onetcenter.org/database.html#individual-files).',
      });
    }
  }
}
