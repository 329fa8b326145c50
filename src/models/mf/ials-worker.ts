import { parentPort, workerData } from 'node:worker_threads';
import type { IalsCommand, IalsReply, IalsSharedState } from './ials-messages.js';
import { runIalsCommand } from './ials-step.js';

/**
 * A training thread: runs the pieces of steps it is sent on the factor matrices it shares with the
 * coordinator and the other threads, and answers each with `done` (or `error`).
 */
const state = workerData as IalsSharedState;
const port = parentPort;
if (!port) throw new Error('ials-worker must run in a worker thread');

port.on('message', (command: IalsCommand) => {
  let reply: IalsReply;
  try {
    runIalsCommand(state, command);
    reply = { type: 'done' };
  } catch (error) {
    reply = { type: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
