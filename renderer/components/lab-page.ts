/** What a lab tells its LabPage: its words, its equations (TeX for KaTeX) and its welcome. */
import type { RunView } from '../state/run-view.svelte.js';

export interface EquationSet {
  /** The main equations, in a row. */
  readonly main: readonly string[];
  /** Smaller ones under them. */
  readonly side?: readonly string[];
  /** A line between the two rows, and its data-testid. */
  readonly note?: readonly [text: string, testid: string];
  readonly testid: string;
}

export interface LabText {
  readonly title: string;
  /** One line under the title: what the lab is about. */
  readonly blurb: string;
  /** Shown before any run: a heading, what to do, and what to look for. */
  readonly welcome: {
    readonly testid: string;
    readonly title: string;
    readonly intro: string;
    readonly items: readonly string[];
  };
  /** The lecture's claims this lab measures, shown beside the run's numbers. */
  readonly lecture?: readonly LectureClaim[];
}

/**
 * One claim of the lecture beside what the run on show measured (issue 12): "The lecture says"
 * in one sentence with where it is said, "This run shows" as a number from the run's own data.
 */
export interface LectureClaim {
  readonly says: string;
  /** Where in the course, e.g. "08-2, FISTA". */
  readonly source: string;
  /** What the run measured, in one sentence; null while it has no number yet. */
  readonly shows: (run: RunView) => string | null;
}
