import assert from 'node:assert/strict';
import { MINUTE, T0, at, withState, type OpenState } from './kit.js';

const hide = (key: string, dueAt: Date) => ({ kind: 'password.hide', key, dueAt: dueAt.toISOString(), payload: { address: { conversation: { id: 'p1' } } } });

export function scheduleContract(open: OpenState): void {
  describe('ScheduleStore', () => {
    it('schedules one item per (kind, key), replacing it; gets, lists and cancels it', () =>
      withState(open, async ({ schedule }) => {
        await schedule.schedule(hide('m1', at(10 * MINUTE)));
        const first = await schedule.get('password.hide', 'm1');
        await schedule.schedule(hide('m1', at(20 * MINUTE)));
        await schedule.schedule({ ...hide('m1', T0), kind: 'other' });
        const replaced = await schedule.get('password.hide', 'm1');
        assert.equal(replaced?.dueAt, at(20 * MINUTE).toISOString());
        assert.equal(replaced?.attempts, 0);
        assert.notEqual(replaced?.id, first?.id, 'a replaced item is a new item');
        assert.deepEqual((await schedule.list('password.hide')).map((i) => i.key), ['m1']);
        assert.equal((await schedule.cancel('password.hide', 'm1'))?.key, 'm1');
        assert.equal(await schedule.cancel('password.hide', 'm1'), undefined);
        assert.deepEqual(await schedule.list('password.hide'), []);
      }));

    it('claims what is due, of the kinds asked, up to the limit; completes and retries', () =>
      withState(open, async ({ schedule }) => {
        await schedule.schedule(hide('m1', at(MINUTE)));
        await schedule.schedule(hide('m2', at(2 * MINUTE)));
        await schedule.schedule(hide('m3', at(60 * MINUTE)));
        await schedule.schedule({ kind: 'sweep.purge', key: 'sweep.purge', dueAt: T0.toISOString(), payload: {} });
        const lease = at(10 * MINUTE);
        const claimed = await schedule.claimDue(at(5 * MINUTE), lease, 1, ['password.hide']);
        assert.deepEqual(claimed.map((i) => i.key), ['m1'], 'soonest first, at most the limit');
        const rest = await schedule.claimDue(at(5 * MINUTE), lease, 10, ['password.hide']);
        assert.deepEqual(rest.map((i) => i.key), ['m2'], 'a leased item is not claimed again; one not due is left');
        await schedule.complete(claimed[0]?.id ?? '');
        await schedule.retryAt(rest[0]?.id ?? '', at(6 * MINUTE));
        const retried = await schedule.get('password.hide', 'm2');
        assert.equal(retried?.attempts, 1);
        assert.equal(await schedule.get('password.hide', 'm1'), undefined);
        assert.deepEqual((await schedule.claimDue(at(6 * MINUTE), lease, 10)).map((i) => i.key).sort(), ['m2', 'sweep.purge'], 'a retried item is due again, lease released');
      }));

    it('two concurrent claims never get the same item', () =>
      withState(open, async ({ schedule }) => {
        for (let i = 0; i < 30; i++) await schedule.schedule(hide(`m${i}`, at(i)));
        const [a, b] = await Promise.all([schedule.claimDue(at(MINUTE), at(10 * MINUTE), 20), schedule.claimDue(at(MINUTE), at(10 * MINUTE), 20)]);
        const ids = [...(a ?? []), ...(b ?? [])].map((i) => i.id);
        assert.equal(new Set(ids).size, ids.length);
        assert.equal(ids.length, 30);
      }));

    it('an item whose lease ran out (its instance died) can be claimed again', () =>
      withState(open, async ({ schedule }) => {
        await schedule.schedule(hide('m1', T0));
        assert.equal((await schedule.claimDue(T0, at(5 * MINUTE), 10)).length, 1);
        assert.equal((await schedule.claimDue(at(4 * MINUTE), at(9 * MINUTE), 10)).length, 0);
        assert.equal((await schedule.claimDue(at(5 * MINUTE), at(10 * MINUTE), 10)).length, 1);
      }));

    it('completing a replaced item keeps the replacement (a sweep schedules its next run while it runs)', () =>
      withState(open, async ({ schedule }) => {
        await schedule.schedule({ kind: 'sweep.purge', key: 'sweep.purge', dueAt: T0.toISOString(), payload: {} });
        const [running] = await schedule.claimDue(T0, at(5 * MINUTE), 10);
        await schedule.schedule({ kind: 'sweep.purge', key: 'sweep.purge', dueAt: at(60 * MINUTE).toISOString(), payload: {} });
        await schedule.complete(running?.id ?? '');
        assert.equal((await schedule.get('sweep.purge', 'sweep.purge'))?.dueAt, at(60 * MINUTE).toISOString());
      }));

    it('keeps items, attempts and leases across a reopen', async () => {
      await withState(open, async ({ schedule }) => {
        await schedule.schedule(hide('m1', T0));
        await schedule.schedule(hide('m2', T0));
        const [claimed] = await schedule.claimDue(T0, at(5 * MINUTE), 1);
        await schedule.retryAt(claimed?.id ?? '', T0);
        await schedule.claimDue(T0, at(5 * MINUTE), 10);
      });
      await withState(open, async ({ schedule }) => {
        assert.deepEqual((await schedule.list('password.hide')).map((i) => i.attempts).sort(), [0, 1]);
        assert.equal((await schedule.claimDue(at(MINUTE), at(5 * MINUTE), 10)).length, 0, 'still leased');
        assert.deepEqual((await schedule.get('password.hide', 'm1'))?.payload, hide('m1', T0).payload);
      });
    });
  });
}
