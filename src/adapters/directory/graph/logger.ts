import { pino, type Logger } from 'pino';

/** The slice of pino the adapter uses; never given passwords or tokens. */
export type GraphLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

export const silentLogger: GraphLogger = pino({ level: 'silent' });
