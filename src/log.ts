import pino, { type Logger, type DestinationStream } from 'pino';

export type { Logger };

// Secrets are never logged on purpose; redaction is the second line of defence.
const REDACT = [
  'password',
  'temporaryPassword',
  'MicrosoftAppPassword',
  'GRAPH_CLIENT_SECRET',
  'authorization',
  'Authorization',
  'headers.authorization',
  'headers.Authorization',
  'CertificatePrivateKey',
  'token',
  '*.password',
  '*.temporaryPassword',
  '*.token',
  '*.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  '*.Authorization',
  '*.headers.Authorization',
  '*.MicrosoftAppPassword',
  '*.CertificatePrivateKey',
  '*.passwords',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'license-desk' } }, destination);
}
