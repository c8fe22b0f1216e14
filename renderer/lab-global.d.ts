// In the Electron app the preload exposes the LabApi as `window.lab` (contextBridge).
import type { LabApi } from '../protocol/lab-api.js';

declare global {
  interface Window {
    readonly lab?: LabApi;
  }
}

export {};
