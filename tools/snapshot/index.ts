/** The O*NET snapshot builder (Node only). See docs/snapshot-format.md and docs/releases.md. */
export {
  buildSnapshot,
  sectionFileName,
  SECTION_FILE_NAME_RE,
  type BuildOptions,
  type BuildReport,
  type BuiltSnapshot,
  type SectionFileBytes,
  type SectionReport,
} from './build.js';
export { JOB_FAMILIES } from './tables/occupations.js';
export { EXTRAS_FILES } from './tables/extras.js';
export { COMMON_FILES, CLASSIC_FILES, MODERN_FILES, REQUIRED_FILES, detectLayout } from './layout.js';
export { normaliseTitle, readOtherDwas, type PairingReport } from './pairing.js';
export { writeSnapshot, manifestJson, type WrittenSnapshot } from './write.js';
export { openSource, type OnetSource } from './source.js';
export { parseTsv, parseCsv, parseHundredths, parseSignedHundredths, parseUnsigned, SourceTable } from './parse.js';
