/** What a lab tells its LabPage: its words, its equations (TeX for KaTeX) and its welcome. */
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
}
