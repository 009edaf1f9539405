/** Where the test suite's snapshots live (built once per run by test/setup/global-snapshots.ts). */
export const TEST_SNAPSHOT_DIR = 'build/test-snapshots';
/** Fixture snapshot manifest, relative to the repository root (also its URL path in browser tests). */
export const FIXTURE_MANIFEST = `${TEST_SNAPSHOT_DIR}/fixture/manifest.json`;
/** The fixture re-laid out in the modern O*NET layout (test/support/modern-layout.ts), with dwaAliases to the classic DWA IDs. */
export const FIXTURE_MODERN_MANIFEST = `${TEST_SNAPSHOT_DIR}/fixture-modern/manifest.json`;
/** The classic fixture built with `--pair-with` its modern-layout form: dwaAliases to the modern DWA IDs. */
export const FIXTURE_PAIRED_MANIFEST = `${TEST_SNAPSHOT_DIR}/fixture-paired/manifest.json`;
/** The fixture's next release (release 0.2, one occupation renamed: {@link RENAMED_TITLE}), built by the global setup. */
export const FIXTURE_NEXT_MANIFEST = `${TEST_SNAPSHOT_DIR}/fixture-next/manifest.json`;
/** Release of {@link FIXTURE_NEXT_MANIFEST} (the fixture's own is 0.1). */
export const NEXT_RELEASE = '0.2';
/** The occupation title the next release renames: [in the fixture, in the next release]. */
export const RENAMED_TITLE = ['Widget Demonstrators', 'Widget and Gadget Demonstrators'] as const;
/** Where the global setup writes derived O*NET sources (the modern-layout fixture). */
export const TEST_SOURCE_DIR = 'build/test-sources';
/** Real O*NET 29.3 snapshot manifest, relative to the repository root. */
export const REAL_MANIFEST = `${TEST_SNAPSHOT_DIR}/real/manifest.json`;
/** The real O*NET source, relative to the repository root. */
export const REAL_SOURCE = '../shared/onet/db_29_3_text';
/** The Bright Outlook / STEM lists for the real source. */
export const REAL_EXTRAS = '../shared/onet/extras';
