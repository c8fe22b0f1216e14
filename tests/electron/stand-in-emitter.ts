/**
 * The event emitter of the electron stand-ins (BrowserWindow, WebContents, app, a utility
 * process): listeners kept by name so a test can call them the way Electron would.
 */
export type Listener = (...args: unknown[]) => void;

export class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}
