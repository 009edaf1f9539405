/** The O*NET snapshot builder (Node only). See docs/snapshot-format.md. */
export { buildSnapshot, JOB_FAMILIES, SOURCE_FILES, EXTRAS_FILES, type BuildOptions, type BuildReport, type BuiltSnapshot, type SectionReport } from './build.js';
export { writeSnapshot, manifestJson } from './write.js';
export { openSource, type OnetSource } from './source.js';
export { parseTsv, parseCsv, parseHundredths, parseUnsigned, SourceTable } from './parse.js';
