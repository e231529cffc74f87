/**
 * One thing the bot needs to serve requests (the data disk; later the database). GET /healthz runs every check and
 * answers 503 with the reasons while any fails, so a load balancer stops sending traffic until it recovers.
 */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<ReadinessResult>;
}

export type ReadinessResult = { ok: true } | { ok: false; reason: string };
