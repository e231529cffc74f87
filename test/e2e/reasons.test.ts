import assert from 'node:assert/strict';
import { BOT_ID, BotHarness, OWNER, persona, type Card } from '../helpers/bot-harness.js';
import { cardActions, cardText } from '../helpers/fake-connector.js';
import { DEMO_CUSTOMER_IDS } from '../../src/adapters/directory/embedded/demo-data.js';
import { importsFor } from '../../src/features/import/support/runner.js';

const CONTOSO = DEMO_CUSTOMER_IDS.contoso;
const upn = (local: string) => `${local}@contoso.onmicrosoft.com`;

function button(card: Card | undefined, match: (a: { title: string; verb: string }) => boolean) {
  const found = cardActions(card).find(match);
  assert.ok(found, `no such button in: ${cardText(card)}`);
  return found;
}

/** Every input id of a card. */
function inputIds(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Input.')) out.push(String(o.id));
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

describe('reasons: "because <reason>" and the cards\' reason input reach the audit of the change itself', () => {
  let bot: BotHarness;
  const audit = async (action: string) => (await bot.runtime.app.audit.all()).filter((e) => e.action === action);

  beforeEach(async () => {
    bot = await BotHarness.start({ env: { IMPORT_PROGRESS_INTERVAL_MS: '0' } });
    await bot.say(OWNER, 'use contoso');
  });
  afterEach(async () => {
    await importsFor(bot.runtime.app).idle();
    await bot.stop();
  });

  it('delete user ... because: shown on the confirmation, stored on the entry, shown by `audit`, own column in `audit export`', async () => {
    const ask = (await bot.say(OWNER, `delete user ${upn('adele.vance')} because offboarding`)).cards[0];
    assert.match(cardText(ask), /Reason\noffboarding/);
    const confirm = button(ask, (a) => a.verb === 'user.delete.confirm');
    await bot.click(OWNER, confirm.verb, confirm.data);
    const [entry] = await audit('user.delete');
    assert.equal(entry?.outcome, 'success');
    assert.equal(entry?.reason, 'offboarding');
    assert.match(cardText((await bot.say(OWNER, 'audit 3')).cards[0]), /because offboarding/);

    const offer = await bot.say(OWNER, 'audit export action user.delete');
    const consent = offer.calls
      .flatMap((c) => (c.activity.attachments as { contentType: string; name: string; content: Record<string, unknown> }[] | undefined) ?? [])
      .find((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.consent');
    assert.ok(consent);
    await bot.post(
      bot.activity(OWNER, {}, {
        type: 'invoke',
        name: 'fileConsent/invoke',
        recipient: { id: BOT_ID, name: 'license-desk' },
        value: { type: 'fileUpload', action: 'accept', context: consent.content.acceptContext, uploadInfo: { name: consent.name, uploadUrl: bot.connector.uploadUrl(consent.name), contentUrl: 'https://x.example/f', uniqueId: 'u1', fileType: 'csv' } },
      }),
    );
    const csv = bot.connector.uploads.get(consent.name)?.body.toString('utf8') ?? '';
    const [header, row] = csv.replace(/^\ufeff/, '').split('\r\n');
    const columns = header?.split(',') ?? [];
    const at = columns.indexOf('Reason');
    assert.ok(at >= 0, `a Reason column in ${header}`);
    assert.equal(row?.split(',')[at], 'offboarding');
  });

  it('create user and assign keep their reasons; approval entries carry the reason too', async () => {
    const ask = (await bot.say(OWNER, 'create user Anna Svensson because ticket 4711')).cards[0];
    assert.match(cardText(ask), /ticket 4711/);
    const create = button(ask, (a) => a.title === 'Create');
    await bot.click(OWNER, create.verb, create.data);
    assert.equal((await audit('user.create')).at(-1)?.reason, 'ticket 4711');

    await bot.say(OWNER, `assign EXCHANGESTANDARD to ${upn('allan.deyoung')} because new hires`);
    const changes = (await bot.runtime.app.audit.all()).filter((e) => e.action.startsWith('license'));
    assert.ok(changes.length > 0);
    assert.ok(changes.every((e) => e.reason === 'new hires'), JSON.stringify(changes));

    const henry = persona('Henry Helpdesk');
    const uma = persona('Uma UserAdmin');
    await bot.grant(henry, 'helpdesk', [CONTOSO]);
    await bot.grant(uma, 'user-admin', [CONTOSO]);
    await bot.say(henry, 'use contoso');
    const request = (await bot.say(henry, `delete user ${upn('lidia.holloway')} because leaver 12`)).cards[0];
    const approvalId = (request?.refresh as { action: { data: { approvalId: string } } }).action.data.approvalId;
    await bot.click(uma, 'approval.approve', { approvalId, comment: '' });
    const entries = (await bot.runtime.app.audit.all()).filter((e) => e.approvalId === approvalId);
    assert.deepEqual(entries.map((e) => `${e.action}:${e.outcome}:${e.reason}`), ['user.delete:requested:leaver 12', 'approval.approve:success:leaver 12', 'user.delete:success:leaver 12']);
  });

  it('Delete on the user card, Restore selected, Save on manage licenses and import Create offer a reason input that is kept', async () => {
    const userCard = (await bot.say(OWNER, `user ${upn('adele.vance')}`)).cards[0];
    assert.ok(inputIds(userCard).includes('reason'), 'the user card has a reason input');
    const del = button(userCard, (a) => a.verb === 'user.delete');
    const ask = (await bot.click(OWNER, del.verb, { ...del.data, reason: 'left the company' })).card;
    assert.match(cardText(ask), /left the company/);
    const confirm = button(ask, (a) => a.verb === 'user.delete.confirm');
    await bot.click(OWNER, confirm.verb, confirm.data);
    assert.equal((await audit('user.delete')).at(-1)?.reason, 'left the company');

    const deleted = (await bot.say(OWNER, 'deleted')).cards[0];
    assert.ok(inputIds(deleted).includes('reason'), 'the deleted list has a reason input');
    const adele = await bot.directory.getDeletedUser(CONTOSO, upn('adele.vance'));
    await bot.click(OWNER, 'deleted.restore', { skip: 0, restore_0: adele.id, reason: 'came back' });
    assert.equal((await audit('user.restore')).at(-1)?.reason, 'came back');

    const allan = await bot.directory.getUser(CONTOSO, upn('allan.deyoung'));
    const manage = (await bot.click(OWNER, 'licenses.manage', { userIds: [allan.id] })).card;
    assert.ok(inputIds(manage).includes('reason'), `manage licenses has a reason input: ${cardText(manage)}`);
    const exchange = (await bot.directory.listSubscriptions(CONTOSO)).find((s) => s.skuPartNumber === 'EXCHANGESTANDARD');
    await bot.click(OWNER, 'licenses.manage.save', { userIds: [allan.id], [`sku_${exchange?.skuId}`]: 'add', reason: 'needs mail' });
    const licensing = (await bot.runtime.app.audit.all()).filter((e) => e.action.startsWith('license')).at(-1);
    assert.equal(licensing?.reason, 'needs mail');

    const review = (await bot.say(OWNER, `import users\nUser Name,First Name,Last Name,Display Name\n${upn('ivar.ek')},Ivar,Ek,Ivar Ek`)).cards.at(-1);
    assert.ok(inputIds(review).includes('reason'), `the import review has a reason input: ${cardText(review)}`);
    const go = button(review, (a) => a.verb === 'import.create');
    await bot.click(OWNER, go.verb, { ...go.data, reason: 'spring intake' });
    await importsFor(bot.runtime.app).idle();
    const imported = (await bot.runtime.app.audit.all()).filter((e) => e.action.startsWith('user.import'));
    assert.ok(imported.length > 0);
    assert.ok(imported.every((e) => e.reason === 'spring intake'), JSON.stringify(imported));
  });
});
