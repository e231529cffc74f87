import assert from 'node:assert/strict';
import { isPastRestoreWindow, restorableUntil } from '../../../src/domain/rules/restore-window.js';

describe('rules: restore window', () => {
  const deletedAt = '2025-03-01T10:00:00.000Z';
  it('a deleted user is restorable for 30 days', () => {
    assert.equal(restorableUntil(deletedAt), '2025-03-31T10:00:00.000Z');
  });

  const cases: { now: string; past: boolean }[] = [
    { now: '2025-03-01T10:00:00.000Z', past: false },
    { now: '2025-03-31T09:59:59.999Z', past: false },
    { now: '2025-03-31T10:00:00.000Z', past: false },
    { now: '2025-03-31T10:00:00.001Z', past: true },
    { now: '2025-06-01T00:00:00.000Z', past: true },
  ];
  for (const c of cases) {
    it(`at ${c.now} the window is ${c.past ? 'over' : 'open'}`, () => {
      assert.equal(isPastRestoreWindow(deletedAt, new Date(c.now)), c.past);
    });
  }
});
