/**
 * Words the protocol carries as a code with parameters, never as prose the window shows: a
 * `Said` is { code, params, message }, where `message` is the English sentence (for the CLI,
 * the logs and runs written before codes) and the window words `code` and `params` in its own
 * language (renderer/lib/i18n: the catalogue key `msg.<code>`). A table of codes is a plain
 * object of English templates with `{name}` placeholders; `speaker(table)` gives the typed
 * `say` of that table, so a code that is not in it, or a missing or extra parameter, fails the
 * typecheck. The shared codes are here; each lab has its own table (protocol/<lab>/texts.ts),
 * and protocol/labs.ts gathers them all (`protocolTexts`) for the catalogues.
 *
 * A parameter is a number, a string (a name, a value, a number already written the English
 * way) or another Said (a clause worded on its own, e.g. what became NaN).
 */

export type TextParam = string | number | Said;

export interface Said {
  /** The catalogue code: letters and digits (the window's key is `msg.<code>`). */
  readonly code: string;
  readonly params: Readonly<Record<string, TextParam>>;
  /** The English sentence, as the CLI and the logs show it. */
  readonly message: string;
}

/** The placeholder names of a template: "epoch {epoch} / {epochs}" → "epoch" | "epochs". */
export type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;

/** The parameters a template takes, by name. */
export type TextParams<S extends string> = { readonly [P in Placeholders<S>]: TextParam };

export type TextTable = Readonly<Record<string, string>>;

/** The rest arguments of say(code, …): none for a template without placeholders. */
type ParamsOf<S extends string> = [Placeholders<S>] extends [never] ? [] : [params: TextParams<S>];

const placeholder = /\{([A-Za-z0-9_]+)\}/g;

/** The English of a parameter: a number as JavaScript writes it, a nested Said as its message. */
const english = (value: TextParam): string => (typeof value === 'object' ? value.message : String(value));

/** Fills a template with the English of its parameters. */
export function fillEnglish(template: string, params: Readonly<Record<string, TextParam>>): string {
  return template.replace(placeholder, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : english(value);
  });
}

/** The typed `say` of a table of codes. */
export function speaker<T extends TextTable>(table: T) {
  return <C extends keyof T & string>(code: C, ...rest: ParamsOf<T[C]>): Said => {
    const params = (rest[0] ?? {}) as Readonly<Record<string, TextParam>>;
    return { code, params, message: fillEnglish(table[code]!, params) };
  };
}

/** Whether `value` is a Said (a shape check, for events read from disk or a socket). */
export function isSaid(value: unknown): value is Said {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.code !== 'string' || typeof v.message !== 'string') return false;
  if (typeof v.params !== 'object' || v.params === null) return false;
  return Object.values(v.params).every((p) => typeof p === 'string' || typeof p === 'number' || isSaid(p));
}

/** Only the sentence of an event that carries one (no type, run id …), to nest it in another. */
export const saidOf = ({ code, params, message }: Said): Said => ({ code, params, message });

/** An Error that carries a coded sentence (a refusal the host throws and answers with). */
export class SaidError extends Error {
  constructor(readonly said: Said) {
    super(said.message);
    this.name = 'SaidError';
  }
}

/** A sentence from before codes (a run written by an older version): shown as it is. */
export const saidAsIs = (message: string): Said => ({ code: 'asIs', params: { message }, message });

/**
 * The shared codes: field errors (protocol/fields.ts), run control, the host's refusals and
 * failures. The English here is byte for byte what the CLI and its tests read.
 */
export const sharedTexts = {
  asIs: '{message}',
  // protocol/fields.ts
  rangeInt: '{label} ({field}) must be a whole number at least {min} and at most {max}; got {got}.',
  rangeIntAbove: '{label} ({field}) must be a whole number greater than {min} and at most {max}; got {got}.',
  rangeNumber: '{label} ({field}) must be a number at least {min} and at most {max}; got {got}.',
  rangeNumberAbove: '{label} ({field}) must be a number greater than {min} and at most {max}; got {got}.',
  choice: '{field} must be one of {allowed}; got {got}.',
  notAnObject: 'The {what} must be an object.',
  trueOrFalse: '{field} must be true or false; got {got}.',
  oneOfQuoted: '{field} must be {allowed}; got {got}.',
  notLive: '{name} cannot be changed while this run trains.',
  notLiveNamed: '{name} cannot be changed while this run trains; live parameters: {names}.',
  // protocol/digits.ts
  dataObject: 'data must be an object with kind "embedded" or "idx".',
  dataKind: 'data.kind must be "embedded" or "idx"; got {got}.',
  dataIdxFile: 'data.{key} must name an IDX file (plain or .gz).',
  dataPath: 'data.{key} must be a file path; got {got}.',
  dataTestPair: 'data.testImages and data.testLabels must be given together.',
  dataFolder: 'data.folder must name a folder of PNG or JPEG photos.',
  // trainer/data/read-file.ts, trainer/data/idx.ts
  fileUnreadable: '{file}: cannot be read ({why}).',
  fileTooLarge: '{file}: is larger than {max}, the most this lab reads from one file.',
  idxNoImages: '{file}: holds no images ({dims}).',
  idxCountMismatch:
    '{images} has {count} images of {height}×{width} but {labels} has {labelCount} labels; they must match.',
  // trainer/data/images/read-folder.ts
  folderUnreadable: '{folder}: cannot be read ({why}).',
  noSuchFolder: 'no such folder',
  permissionDenied: 'permission denied',
  folderIsFile: '{folder}: is a file, not a folder of images.',
  folderNoImages: 'no PNG or JPEG images in {folder}{others}.',
  folderOtherEntry: ' (it holds {count} other entry)',
  folderOtherEntries: ' (it holds {count} other entries)',
  photoOf: 'the {count} photo of {folder}',
  photosOf: 'the {count} photos of {folder}',
  deadLeavesImages: '{count} dead-leaves images of {size}×{size}',
  tooFewSamples: 'The data holds {count} sample; at least 2 are needed.',
  tooFewDigits: 'The data holds {count} training digit; at least 2 are needed.',
  labChoice: 'lab must be one of {allowed}; got {got}.',
  batchOverData:
    'batch size (batchSize) must be a whole number at least 1 and at most {max} (the training digits); got {got}.',
  // trainer/run-control.ts, trainer/divergence.ts
  diverged: '{what} at step {step}{where}; training stopped {kept}. {tip}',
  keptCheckpoint: 'and kept the checkpoint of step {step}',
  keptNone: 'and no checkpoint had been written yet',
  nan: 'NaN',
  infinite: 'infinite',
  lossBecame: 'The loss became {how}',
  weightsNotFinite: 'The weights became NaN or infinite',
  tipLearningRate: 'Try a smaller learning rate.',
  testLossBecame: 'The test loss became {how}',
  epochOne: '{count} epoch',
  epochMany: '{count} epochs',
  atEpoch: ' (epoch {epoch})',
  stoppedAt: 'Stopped at step {step} of {steps}.',
  stoppedAtStep: 'Stopped at step {step}.',
  stoppedAtWhere: 'Stopped at step {step} of {steps}{where}.',
  wrongRun: 'This trainer runs {runId}, not {other}.',
  runFinished: 'Run {runId} has finished; it no longer takes {command} commands.',
  checkpointFailed: 'Could not write the checkpoint of step {step}: {error}.',
  // trainer/trainer-core.ts
  stoppedEarly: 'Stopped while {during}; nothing was trained.',
  stoppedStartingBackend: 'the backend started',
  stoppedReadingData: 'reading the data',
  buildFailed: 'Could not build the model of run {runId}: {error}',
  trainerFailed: 'The trainer of run {runId} failed: {error}',
  commandRejected: 'Rejected a command: {error}.',
  trainerBusy: 'This trainer already runs {runId}; start a new trainer per run.',
  noRunYet: 'No run has started; {command} ignored.',
  // host
  commandRefused: 'Command refused: {error}',
  commandFailed: '{command} failed: {error}',
  notRunning: 'Run {runId} is not running; {command} needs a live run.',
  stillTraining: 'Run {runId} is still training; stop it before deleting it. Nothing was deleted.',
  trainingElsewhere:
    'Run {runId} is training in another EBM Lab (process {pid}); stop it there before deleting it. Nothing was deleted.',
  trainerExited:
    'The trainer process of run {runId} exited unexpectedly ({how}); metrics up to step {step} are saved.',
  exitSignal: 'signal {signal}',
  exitCode: 'exit code {code}',
  writeFailedRun: '{sentence} Run {runId} stopped at step {step} (metrics saved up to step {saved}); {kept}.',
  writeKeptNone: 'no checkpoint had been written',
  writeKeptCheckpoint: 'its checkpoint of step {step} is kept',
  writeFailedFile: 'Could not write {name}: {error}.',
  noSuchRun: 'there is no run {runId} in {root}',
  noRunToDelete: 'There is no run {runId} in {root}; nothing was deleted.',
  notARunFolder: "{dir} holds no run's files; nothing was deleted.",
  interrupted: 'Run {runId} was interrupted before it finished; metrics up to step {step} are saved.',
  tooManyRuns:
    '{training} already, the most at once here ({max}{cores}); stop one or let it finish, then start again (serve --max-runs N sets the limit).',
  oneRunTrains: '{count} run trains',
  runsTrain: '{count} runs train',
  forOneCore: ', for {count} core',
  forCores: ', for {count} cores',
} as const satisfies TextTable;

export const sayShared = speaker(sharedTexts);

/** "1 epoch" / "5 epochs", for a closing sentence. */
export const epochsWord = (count: number): Said =>
  sayShared(count === 1 ? 'epochOne' : 'epochMany', { count });

/** 'NaN' or 'infinite' as a word of its own (nanOrInfinite's answer), for "The loss became {how}". */
export const nanWord = (how: 'NaN' | 'infinite'): Said => sayShared(how === 'NaN' ? 'nan' : 'infinite');
