import type { Clock } from '../../src/domain/clock.js';

/** A clock tests move by hand (expiry, restore windows). */
export class TestClock implements Clock {
  constructor(private current = new Date('2026-11-20T09:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(date: Date): void {
    this.current = new Date(date);
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
