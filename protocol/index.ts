export * from './fields.js';
export * from './messages.js';
export * from './vae-config.js';
export * from './validate.js';
export * from './codec.js';
