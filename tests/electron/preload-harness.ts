/**
 * The preload run the way a sandboxed Electron renderer runs it: compiled to CommonJS and
 * called with a `require` that knows only 'electron' (a stand-in that records calls).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const root = join(import.meta.dirname, '../..');

export function runPreload() {
  const source = readFileSync(join(root, 'electron/preload.cts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  const sent: [string, unknown][] = [];
  const invoked: string[] = [];
  const listeners = new Map<string, ((...args: unknown[]) => void)[]>();
  const exposed: [string, unknown][] = [];
  const ipcRenderer = {
    send: (channel: string, payload: unknown) => void sent.push([channel, payload]),
    invoke: (channel: string) => (invoked.push(channel), Promise.resolve({ type: 'hello' })),
    on: (channel: string, fn: (...args: unknown[]) => void) =>
      void listeners.set(channel, [...(listeners.get(channel) ?? []), fn]),
    removeListener: (channel: string, fn: (...args: unknown[]) => void) =>
      void listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((f) => f !== fn),
      ),
  };
  const contextBridge = { exposeInMainWorld: (key: string, api: unknown) => void exposed.push([key, api]) };
  const sandboxRequire = (name: string): unknown => {
    if (name === 'electron') return { contextBridge, ipcRenderer };
    throw new Error(`module not found: ${name}`);
  };
  const exports = {};
  new Function('require', 'process', 'exports', 'module', outputText)(sandboxRequire, {}, exports, {
    exports,
  });
  return { sent, invoked, listeners, exposed };
}
