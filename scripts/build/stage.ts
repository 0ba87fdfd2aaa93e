/**
 * What a build stage is: a named step that looks at the sources or the staged site and
 * returns the problems it found. The build (scripts/build.ts) runs them in order and one
 * reporter prints everything they found; a stage stops the build early only when the
 * stages after it would have nothing to look at (`halt`).
 */
import type { Problem } from '../../src/lib/problems.ts';
import type { Settings } from '../../src/settings.ts';
import type { Inventory } from '../../src/sources/inventory.ts';

export interface BuildContext {
  settings: Settings;
  /** Where this build writes the site until it is complete. */
  stagingDir: string;
  /** Where this build's temporary files live (next to the output folder). */
  workDir: string;
  /** The content folder's articles, taken by the first stage. */
  inventory: Inventory | undefined;
  /** Notes the stages print as they go. */
  log(message: string): void;
}

export interface StageResult {
  problems: Problem[];
  /** Later stages cannot run (e.g. Astro produced no site). */
  halt?: boolean;
}

export interface Stage {
  name: string;
  run(context: BuildContext): Promise<StageResult>;
}
