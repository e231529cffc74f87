import assert from 'node:assert/strict';
import type { BotHarness} from '../helpers/bot-harness.js';
import { OWNER } from '../helpers/bot-harness.js';
import { startOnContoso } from '../helpers/setup.js';
import { cardActions, cardOf, cardText } from '../helpers/cards.js';
import { importsFor } from '../../src/features/import/support/runner.js';
import { IMPORT_BATCH_SIZE } from '../../src/features/import/support/create-in-batches.js';
import { TEAMS_FILE } from '../../src/features/import/support/source.js';

const INTERVAL_MS = 250;
// Allows for the millisecond rounding between timers and Date.now().
const TIMER_SLACK_MS = 5;

describe('import: the progress card is updated in place at most every IMPORT_PROGRESS_INTERVAL_MS', () => {
  let bot: BotHarness;
  before(async () => {
    bot = await startOnContoso({ env: { IMPORT_PROGRESS_INTERVAL_MS: String(INTERVAL_MS) } });
  });
  after(async () => {
    await importsFor(bot.runtime.app).idle();
    await bot.stop();
  });

  it('spaces every update of the card at least one interval after the previous one (and after the button answered)', async () => {
    const total = IMPORT_BATCH_SIZE * 3 + 1;
    const rows = Array.from({ length: total }, (_, i) => `pace.user${i}@contoso.com,Pace,User ${i}`);
    const url = bot.connector.serveFile('pace.csv', `User Name,First Name,Last Name\n${rows.join('\n')}`);
    const before = bot.connector.calls.length;
    await bot.post(bot.activity(OWNER, {}, { type: 'message', text: 'import users', attachments: [{ contentType: TEAMS_FILE, name: 'pace.csv', content: { downloadUrl: url, fileType: 'csv' } }] }));
    const reviewCall = bot.connector.calls.slice(before).find((c) => cardActions(cardOf(c.activity)).some((a) => a.verb === 'import.create'));
    const create = cardActions(cardOf(reviewCall?.activity)).find((a) => a.verb === 'import.create');
    assert.ok(create && reviewCall, 'a review card with Create');

    const outbox = bot.runtime.app.outbox;
    const original = outbox.update.bind(outbox);
    const shown: { at: number; text: string }[] = [];
    outbox.update = async (address, activityId, card) => {
      if (activityId === String(reviewCall.activity.id)) shown.push({ at: Date.now(), text: cardText(card) });
      return original(address, activityId, card);
    };
    try {
      const pressedAt = Date.now();
      const pressed = await bot.click(OWNER, create.verb, create.data, { replyToId: String(reviewCall.activity.id) });
      assert.match(cardText(pressed.card), /of 1,501|Created/, 'the button is answered with a progress card');
      await importsFor(bot.runtime.app).idle();
      assert.ok(shown.length >= 1, 'the card was updated');
      assert.match(shown.at(-1)?.text ?? '', /1,501 users created/);
      const times = [pressedAt, ...shown.map((s) => s.at)];
      for (let i = 1; i < times.length; i++) {
        const gap = (times[i] as number) - (times[i - 1] as number);
        assert.ok(gap >= INTERVAL_MS - TIMER_SLACK_MS, `update ${i} came ${gap} ms after the previous one`);
      }
    } finally {
      outbox.update = original;
    }
  });
});
