/** Settings the browser tests' sites are built with (scripts/e2e.ts), for the specs to expect. */

/** The repository the bundled library's pages link to for edits and commits. */
export const E2E_REPO_URL = 'https://github.com/example/ml-kb';

/** The site URL of the build under /kb/, so absolute URLs show both the origin and the base. */
export const E2E_KB_SITE_URL = 'https://notes.example.net';
