// Entry point of the dedicated worker that owns the dashboard's WebSocket (see socketWorker.ts).
import { startSocketWorker } from './socketWorker';
import type { SocketWorkerScope } from './socketWorker';

startSocketWorker(globalThis as unknown as SocketWorkerScope);
