/**
 * An augmentation worker (node:worker_threads): makes the two views of each batch it is sent
 * (models/contrastive/augment.ts makeViewPair, from the batch's seed) off the trainer thread,
 * and hands them back by transfer. See view-maker.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { AugmentConfig } from '../../models/contrastive/augment-config.js';
import { makeViewPair } from '../../models/contrastive/augment.js';
import type { ViewReply, ViewRequest } from './view-maker.js';

const config = (workerData as { config: AugmentConfig }).config;

parentPort?.on('message', (request: ViewRequest) => {
  const views = makeViewPair(request.pixels, request.count, config, request.seed);
  const reply: ViewReply = { id: request.id, views };
  parentPort?.postMessage(reply, [views.buffer as ArrayBuffer]);
});
