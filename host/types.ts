/**
 * The seams of the host: how it launches trainers (fork in Node, utilityProcess in
 * Electron) and what the transports (WebSocket server, Electron IPC, CLI) call.
 */
import type { ClientCommand, HostEvent, LabEvent, TrainerCommand } from '../protocol/messages.js';

/** One trainer process, seen from the host (comlink-style endpoint). */
export interface TrainerEndpoint {
  send(command: TrainerCommand): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once when the process ends, however it ends. */
  onExit(listener: (exit: { readonly code: number | null; readonly signal: string | null }) => void): void;
  kill(): void;
  readonly pid: number | undefined;
}

/** Starts a fresh trainer process (one per run). */
export type TrainerLauncher = () => TrainerEndpoint;

export interface LabHost {
  /** The greeting a new client gets: version, the backend a trainer would pick, runs folder. */
  hello(): Extract<HostEvent, { type: 'hello' }>;
  /**
   * Carries out a validated command. Answers to requests (run-created, runs, run-opened and
   * its replayed events, export-saved, errors) go to `reply` only; events of running runs
   * go to every subscriber.
   */
  dispatch(command: ClientCommand, reply: (event: LabEvent) => void): void;
  /** Events of all runs, as they happen. Returns an unsubscribe function. */
  subscribe(listener: (event: LabEvent) => void): () => void;
  /** Stops every trainer and flushes the logs. */
  close(): Promise<void>;
}
