/**
 * Trains from a packaged copy of the app under plain Node (tests/packaging/package.test.ts
 * starts it): node drive-packaged.mjs <appDir> <runsDir>. Everything it loads comes from
 * <appDir>, the archive extracted outside the repository (so no module can be found in the
 * project's node_modules): the packaged LabHost, whose fork launcher starts the packaged
 * dist/trainer/entry.js, driven by the same ClientCommands the window sends over IPC
 * (start → run-created, then the run's events up to done). It trains a tiny VAE on the
 * ladder's first rung (ONNX Runtime's native binding), one on the wasm rung (the unpacked
 * .wasm files) and a tiny contrastive run, and starts one augmentation worker from the
 * packaged view-worker.js. Prints one line, `RESULT {json}`, last.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [appDir, runsDir] = process.argv.slice(2);
if (!appDir || !runsDir) {
  process.stderr.write('usage: node drive-packaged.mjs <appDir> <runsDir>\n');
  process.exit(2);
}

const load = (relative) => import(pathToFileURL(join(appDir, relative)).href);
const { createLabHost } = await load('dist/host/lab-host.js');
const { createForkLauncher } = await load('dist/host/fork-launcher.js');
const { vaePresets } = await load('dist/protocol/vae/config.js');
const { contrastivePresets } = await load('dist/protocol/contrastive/config.js');
const { createInlineViewMaker, createWorkerViewMaker } = await load('dist/trainer/contrastive/view-maker.js');

/** One run through a fresh host: its backend, metrics count, done event and run folder. */
async function train(lab, config, backend) {
  const host = createLabHost({
    runsDir,
    launcher: createForkLauncher(),
    version: 'packaged-check',
    threads: 1,
    ...(backend ? { backend } : {}),
  });
  let runId = null;
  let status = null;
  let metrics = 0;
  const refused = [];
  const done = new Promise((resolve) => {
    host.subscribe((event) => {
      if (event.runId !== runId) return;
      if (event.type === 'status' && event.backend) status = event.backend;
      if (event.type === 'metrics') metrics++;
      if (event.type === 'done') resolve(event);
    });
  });
  host.dispatch({ type: 'start', requestId: `packaged-${lab}`, lab, config }, (reply) => {
    if (reply.type === 'run-created') runId = reply.runId;
    else refused.push(reply);
  });
  const timeout = new Promise((resolve) =>
    setTimeout(
      () => resolve({ type: 'done', reason: 'timeout', message: 'no done event in 90 s' }),
      90_000,
    ).unref(),
  );
  const end = await Promise.race([done, timeout]);
  await host.close();
  return { lab, runId, backend: status, metrics, done: end, refused };
}

/** One augmentation worker started from the packaged view-worker.js, its views checked against the thread's. */
async function worker() {
  const augment = contrastivePresets.tiny.augment;
  const batch = {
    pixels: Float32Array.from({ length: 2 * 784 }, (_, i) => (i % 13) / 13),
    count: 2,
    seed: 7,
  };
  const maker = createWorkerViewMaker(augment, 1);
  const views = await maker.make(batch);
  // A worker that failed to start (or to load its imports) has been dropped by now.
  const workers = maker.workers;
  await maker.close();
  const inline = await createInlineViewMaker(augment).make(batch);
  return { workers, sameViews: views.length === inline.length && views.every((v, i) => v === inline[i]) };
}

const result = {
  runs: [
    await train('vae', vaePresets.tiny),
    await train('vae', vaePresets.tiny, 'wasm'),
    await train('contrastive', contrastivePresets.tiny),
  ],
  worker: await worker(),
};
process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
