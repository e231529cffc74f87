import assert from 'node:assert/strict';
import type { BotHarness} from '../helpers/bot-harness.js';
import { OWNER, persona } from '../helpers/bot-harness.js';
import { CONTOSO, startOnContoso } from '../helpers/setup.js';
import { button, cardActions, cardText, toggles } from '../helpers/cards.js';
import { DAY } from '../helpers/test-clock.js';
import { adaptiveCardErrors, MAX_CARD_BYTES } from '../helpers/card-validation.js';
import { holdsAdminRole } from '../../src/domain/types.js';

const D = 'contoso.onmicrosoft.com';
const ctx = { actor: { aadObjectId: OWNER.aadObjectId, name: OWNER.name } };

/** Cards Teams would accept: valid Adaptive Card 1.5, under the message size limit. */
function assertSendable(card: unknown): void {
  assert.deepEqual(adaptiveCardErrors(card), []);
  const size = Buffer.byteLength(JSON.stringify(card));
  assert.ok(size < MAX_CARD_BYTES, `card is ${size} bytes`);
}

describe('delete and restore users end to end', () => {
  let bot: BotHarness;
  const seats = async (part: string) => (await bot.directory.listSubscriptions(CONTOSO)).find((s) => s.skuPartNumber === part);
  const userExists = (upn: string) => bot.directory.getUser(CONTOSO, upn).then(() => true, () => false);
  const deletedCount = async () => (await bot.directory.listDeletedUsers(CONTOSO, { top: 1 })).total;
  const deletedId = async (upn: string) => (await bot.directory.getDeletedUser(CONTOSO, upn)).id;

  beforeEach(async () => {
    bot = await startOnContoso();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('delete asks first (user, seats freed, restorable until), deletes on Confirm, and a second Confirm changes nothing', async () => {
    const ask = (await bot.say(OWNER, `delete user adele.vance@${D}`)).cards[0];
    const text = cardText(ask);
    assert.match(text, /Delete Adele Vance\?/);
    assert.match(text, new RegExp(`adele\\.vance@${D}`));
    assert.match(text, /Microsoft 365 E3 \(1 seat\)/);
    assert.match(text, /2026-12-20 09:00 UTC/, 'restorable 30 days from now (test clock 2026-11-20 09:00)');
    assert.ok(await userExists(`adele.vance@${D}`), 'nothing happens before Confirm');
    assert.equal((await seats('SPE_E3'))?.seatsAssigned, 10);

    const confirm = button(ask, 'Delete user');
    const done = await bot.click(OWNER, confirm.verb, confirm.data);
    assert.match(cardText(done.card), /Adele Vance was deleted/);
    assert.equal(await userExists(`adele.vance@${D}`), false);
    assert.equal((await seats('SPE_E3'))?.seatsAssigned, 9, 'the seat is freed');
    const record = await bot.directory.getDeletedUser(CONTOSO, `adele.vance@${D}`);
    assert.equal(record.deletedBy.name, OWNER.name);
    assert.deepEqual(record.licenses.length, 1, 'keeps the licenses it held');
    assert.equal(await deletedCount(), 4);

    const again = await bot.click(OWNER, confirm.verb, confirm.data);
    assert.match(cardText(again.card), /Already done/);
    assert.equal(await deletedCount(), 4);
    const audit = (await bot.runtime.app.audit.all()).filter((e) => e.action === 'user.delete');
    assert.deepEqual(audit.map((e) => [e.target, e.outcome]), [[`adele.vance@${D}`, 'success']]);
  });

  it('Cancel deletes nothing and its confirmation cannot be used afterwards; the user card has a Delete button', async () => {
    const userCard = (await bot.say(OWNER, `user diego.siciliani@${D}`)).cards[0];
    const del = button(userCard, 'Delete');
    const ask = await bot.click(OWNER, del.verb, del.data);
    assert.match(cardText(ask.card), /Delete Diego Siciliani\?/);
    const cancel = button(ask.card, 'Cancel');
    assert.match(cardText((await bot.click(OWNER, cancel.verb, cancel.data)).card), /Cancelled/);
    const confirm = button(ask.card, 'Delete user');
    assert.match(cardText((await bot.click(OWNER, confirm.verb, confirm.data)).card), /Already done/);
    assert.ok(await userExists(`diego.siciliani@${D}`));
    assert.equal(await deletedCount(), 3);
  });

  it('asking to delete a user who is already deleted says until when it can be restored', async () => {
    const text = cardText((await bot.say(OWNER, `delete user kim.abercrombie@${D}`)).cards[0]);
    assert.match(text, /Already deleted/);
    assert.match(text, /can be restored until/);
  });

  it('lists deleted users with the count, who deleted them when, days left and licenses, paged by 20', async () => {
    const first = (await bot.say(OWNER, 'deleted')).cards[0];
    const text = cardText(first);
    assert.match(text, /Deleted users \(3\)/);
    assert.match(text, /Pat Leaver/);
    assert.match(text, /by Megan Bowen/);
    assert.match(text, /2 days left to restore/);
    assert.match(text, /Microsoft 365 Business Premium, Microsoft Teams Essentials/);
    assert.equal(toggles(first).length, 3);
    assert.ok(cardActions(first).some((a) => a.title === 'Restore selected'));

    const victims = (await bot.directory.listUsers(CONTOSO, { kind: 'all' }, { top: 100 })).items.filter((u) => holdsAdminRole(u) === false).slice(0, 20);
    await bot.directory.deleteUsers(CONTOSO, victims.map((u) => u.id), ctx);
    const page1 = (await bot.say(OWNER, 'deleted')).cards[0];
    assert.match(cardText(page1), /Deleted users \(23\)/);
    assert.match(cardText(page1), /Showing 1-20 of 23/);
    assert.equal(toggles(page1).length, 20);
    const page2 = await bot.click(OWNER, button(page1, 'Next').verb, button(page1, 'Next').data);
    assert.match(cardText(page2.card), /Showing 21-23 of 23/);
    assert.equal(toggles(page2.card).length, 3);
    assert.ok(cardActions(page2.card).some((a) => a.title === 'Previous'));
    assert.ok(!cardActions(page2.card).some((a) => a.title === 'Next'));

    // A whole page ticked and restored at once: both cards stay within what Teams accepts.
    assertSendable(page1);
    const data: Record<string, unknown> = { ...button(page1, 'Restore selected').data };
    for (const t of toggles(page1)) data[t.id] = t.valueOn;
    const restored = await bot.click(OWNER, 'deleted.restore', data);
    assert.match(cardText(restored.card), /Restored 20 users/);
    assertSendable(restored.card);
    assert.equal(await deletedCount(), 3);
  });

  it('restores the ticked users with the licenses seats allow, says which did not come back, and a second press restores nothing', async () => {
    // Fill Teams Essentials (10 seats, 2 used) so Robin Counts gets back Business Premium but not Teams.
    const teams = await seats('TEAMS_ESSENTIALS_AAD');
    assert.ok(teams);
    const fillers = (await bot.directory.listUsers(CONTOSO, { kind: 'all' }, { top: 100 })).items.filter((u) => !u.licenses.includes(teams.skuId)).slice(0, 8);
    await bot.directory.changeLicenses(CONTOSO, { userIds: fillers.map((u) => u.id), add: [teams.skuId], remove: [] }, ctx, { onShortage: 'fail' });
    assert.equal((await seats('TEAMS_ESSENTIALS_AAD'))?.seatsAssigned, 10);

    const list = (await bot.say(OWNER, 'deleted')).cards[0];
    const data: Record<string, unknown> = { ...button(list, 'Restore selected').data };
    for (const t of toggles(list)) data[t.id] = t.valueOn;
    const ids = toggles(list).map((t) => t.valueOn);
    const result = await bot.click(OWNER, 'deleted.restore', data);
    const text = cardText(result.card);
    assert.match(text, /Restored 3 users/);
    assert.match(text, /Not given back, no free seat: Microsoft Teams Essentials/);
    assert.match(text, /Not given back, no free seat: Microsoft 365 E3/);
    assert.match(text, /Licenses back: Microsoft 365 Business Premium/);
    assert.match(text, /Licenses back: Exchange Online/);
    const manage = cardActions(result.card).filter((a) => a.title === 'Manage licenses');
    assert.deepEqual(manage.map((a) => a.verb), ['licenses.manage', 'licenses.manage', 'licenses.manage']);
    assert.deepEqual(manage.map((a) => a.data.userIds).sort(), [...ids].sort());

    for (const s of await bot.directory.listSubscriptions(CONTOSO)) assert.ok(s.seatsAssigned <= s.seatsTotal, `${s.skuPartNumber} over-assigned`);
    const robin = await bot.directory.getUser(CONTOSO, `robin.counts@${D}`);
    assert.ok(ids.includes(robin.id), 'restored with its id');
    assert.deepEqual(robin.licenses, [(await seats('O365_BUSINESS_PREMIUM'))?.skuId]);
    assert.equal(await deletedCount(), 0);
    const audit = (await bot.runtime.app.audit.all()).filter((e) => e.action === 'user.restore');
    assert.equal(audit.find((e) => e.target === `robin.counts@${D}`)?.outcome, 'partial');

    const before = await bot.directory.listSubscriptions(CONTOSO);
    const second = await bot.click(OWNER, 'deleted.restore', data);
    assert.match(cardText(second.card), /Nothing was restored/);
    assert.match(cardText(second.card), /not deleted/);
    assert.deepEqual(await bot.directory.listSubscriptions(CONTOSO), before);
  });

  it('Restore selected with nothing ticked shows the list again with guidance', async () => {
    const list = (await bot.say(OWNER, 'deleted')).cards[0];
    const again = await bot.click(OWNER, 'deleted.restore', button(list, 'Restore selected').data);
    assert.match(cardText(again.card), /Tick at least one user/);
    assert.equal(await deletedCount(), 3);
  });

  it('a delete can be undone from its result card', async () => {
    const ask = (await bot.say(OWNER, `delete user lee.gu@${D}`)).cards[0];
    const done = await bot.click(OWNER, button(ask, 'Delete user').verb, button(ask, 'Delete user').data);
    const undo = await bot.click(OWNER, button(done.card, 'Undo: restore').verb, button(done.card, 'Undo: restore').data);
    assert.match(cardText(undo.card), /Lee Gu was restored/);
    assert.deepEqual((await bot.directory.getUser(CONTOSO, `lee.gu@${D}`)).licenses.length, 1, 'its own freed seat is still free');
  });

  it('after 30 days restore answers RESTORE_WINDOW_EXPIRED; the sweep purges, audits as system and frees the user name', async () => {
    await bot.directory.deleteUsers(CONTOSO, [`adele.vance@${D}`], ctx);
    bot.clock.advance(31 * DAY);
    const late = cardText((await bot.say(OWNER, `restore adele.vance@${D}`)).cards[0]);
    assert.match(late, /Too late to restore/);
    assert.match(late, /RESTORE_WINDOW_EXPIRED/);
    assert.equal(await userExists(`adele.vance@${D}`), false);
    assert.match(cardText((await bot.say(OWNER, 'deleted')).cards[0]), /restore window has closed/);

    assert.equal(await bot.runtime.purgeSweeper.runOnce(), 6, 'Contoso 3 + Adele, Fabrikam 2');
    const purges = (await bot.runtime.app.audit.all()).filter((e) => e.action === 'user.purge' && e.customerId === CONTOSO);
    assert.equal(purges.length, 4);
    assert.ok(purges.every((e) => e.actor.name === 'system' && e.outcome === 'success'));
    assert.ok(purges.some((e) => e.target === `adele.vance@${D}`));
    assert.equal((await bot.directory.upnsInUse(CONTOSO, [`adele.vance@${D}`])).size, 0);
    assert.match(cardText((await bot.say(OWNER, 'deleted')).cards[0]), /Deleted users \(0\)/);
    assert.match(cardText((await bot.say(OWNER, `restore adele.vance@${D}`)).cards[0]), /Not found among the deleted users/);
    const [created] = await bot.directory.createUsers(CONTOSO, [{ givenName: 'Adele', surname: 'Vance', displayName: 'Adele Vance', upn: `adele.vance@${D}`, licenses: [] }], ctx, { atomic: true });
    assert.equal(created?.status, 'created', 'the user name is free again');
    assert.equal(await bot.runtime.purgeSweeper.runOnce(), 0);
  });

  it('purges at start-up', async () => {
    bot.clock.advance(31 * DAY);
    await bot.restart();
    await bot.runtime.purgeSweeper.idle();
    assert.equal(await deletedCount(), 0);
    assert.equal((await bot.runtime.app.audit.all()).filter((e) => e.action === 'user.purge' && e.actor.aadObjectId === 'system').length, 5, 'Contoso 3 and Fabrikam 2');
  });

  it('a taken user name is explained with a `restore ... as` hint and a button that restores under a free name', async () => {
    const kimId = await deletedId(`kim.abercrombie@${D}`);
    // Entra lets a new account take a deleted user's name; the embedded store refuses that, so plant it directly.
    const impostor = { ...(await bot.directory.getUser(CONTOSO, `ben.walters@${D}`)), id: 'impostor-1', upn: `kim.abercrombie@${D}`, displayName: 'Kim Newcomer', adminRoles: [], licenses: [] };
    bot.directory.state(CONTOSO).addUser(impostor);
    const clash = (await bot.say(OWNER, `restore kim.abercrombie@${D}`)).cards[0];
    const text = cardText(clash);
    assert.match(text, /the user name is taken/);
    assert.match(text, /is taken by Kim Newcomer/);
    assert.match(text, new RegExp(`restore kim\\.abercrombie@${D} as kim\\.abercrombie2@${D}`));
    assert.match(text, /CONFLICT/);
    const suggested = button(clash, `Restore as kim.abercrombie2@${D}`);
    assert.equal(suggested.data.userIds, kimId);
    assert.equal(await deletedCount(), 3);

    const viaButton = cardText((await bot.click(OWNER, suggested.verb, suggested.data)).card);
    assert.match(viaButton, /Kim Abercrombie was restored/);
    assert.match(viaButton, new RegExp(`new name kim\\.abercrombie2@${D}`));
    assert.equal((await bot.directory.getUser(CONTOSO, `kim.abercrombie2@${D}`)).id, kimId, 'same account, new name');
    assert.equal((await bot.directory.getUser(CONTOSO, `kim.abercrombie@${D}`)).id, 'impostor-1', 'the name holder is untouched');
  });

  it('`restore <upn> as <new upn>` restores under another name of the customer; a foreign domain is refused', async () => {
    const patId = await deletedId(`pat.leaver@${D}`);
    const wrongDomain = cardText((await bot.say(OWNER, `restore pat.leaver@${D} as pat@fabrikam.se`)).cards[0]);
    assert.match(wrongDomain, /not a domain of Contoso/);
    assert.equal(await deletedCount(), 3);
    const renamed = cardText((await bot.say(OWNER, `restore pat.leaver@${D} as pat.l@contoso.com`)).cards[0]);
    assert.match(renamed, /Pat Leaver was restored/);
    assert.match(renamed, /new name pat\.l@contoso\.com \(was pat\.leaver@/);
    assert.equal((await bot.directory.getUser(CONTOSO, 'pat.l@contoso.com')).id, patId);
    assert.equal((await bot.directory.upnsInUse(CONTOSO, [`pat.leaver@${D}`])).size, 0, 'the old name is free');
  });

  it('restoring users who are not deleted says so and changes nothing', async () => {
    const live = cardText((await bot.say(OWNER, `restore adele.vance@${D}`)).cards[0]);
    assert.match(live, /this user is not deleted/);
    const mixed = cardText((await bot.say(OWNER, `restore nobody@${D}, robin.counts@${D}`)).cards[0]);
    assert.match(mixed, /Restored 1 of 2 users/);
    assert.match(mixed, /Not found among the deleted users/);
    assert.match(mixed, /NOT_FOUND/);
  });

  it('only global admins and admin agents may delete or restore users who hold admin roles', async () => {
    const userAdmin = persona('Uma Useradmin');
    const helpdesk = persona('Hank Helpdesk');
    await bot.grant(userAdmin, 'user-admin', [CONTOSO]);
    await bot.grant(helpdesk, 'helpdesk', [CONTOSO]);
    for (const who of [userAdmin, helpdesk]) {
      await bot.say(who, 'use contoso');
      assert.ok(!cardActions((await bot.say(who, `user megan.bowen@${D}`)).cards[0]).some((a) => a.title === 'Delete'));
    }
    // A helpdesk agent may not touch admins at all; a user admin may only ask a Global admin or Admin agent (issue 7).
    const refused = cardText((await bot.say(helpdesk, `delete user megan.bowen@${D}`)).cards[0]);
    assert.match(refused, /Not allowed/);
    assert.match(refused, /Megan Bowen holds an admin role/);
    assert.match(cardText((await bot.say(userAdmin, `delete user megan.bowen@${D}`)).cards[0]), /Waiting for approval/);
    assert.ok(await userExists(`megan.bowen@${D}`));
    assert.ok((await bot.runtime.app.audit.all()).some((e) => e.action === 'user.delete' && e.outcome === 'denied'));

    // A user admin may delete an ordinary user; a helpdesk agent may only ask.
    assert.ok(cardActions((await bot.say(userAdmin, `user adele.vance@${D}`)).cards[0]).some((a) => a.title === 'Delete'));
    assert.match(cardText((await bot.say(userAdmin, `delete user adele.vance@${D}`)).cards[0]), /Delete Adele Vance\?/);
    assert.match(cardText((await bot.say(helpdesk, `delete user adele.vance@${D}`)).cards[0]), /approval/);

    await bot.directory.deleteUsers(CONTOSO, [`alex.wilber@${D}`], ctx);
    const alexId = await deletedId(`alex.wilber@${D}`);
    assert.match(cardText((await bot.say(userAdmin, `restore alex.wilber@${D}`)).cards[0]), /Waiting for approval/);
    assert.match(cardText((await bot.click(userAdmin, 'deleted.restore', { userIds: alexId })).card), /Waiting for approval/);
    const list = (await bot.say(userAdmin, 'deleted')).cards[0];
    assert.match(cardText(list), /Holds an admin role \(User Administrator\): only a Global admin or Admin agent can restore it/);
    assert.ok(!toggles(list).some((t) => t.valueOn === alexId), 'no checkbox for a user the caller may not restore');
    assert.equal(toggles(list).length, 3);
    assert.equal(await userExists(`alex.wilber@${D}`), false);
    assert.match(cardText((await bot.say(OWNER, `restore alex.wilber@${D}`)).cards[0]), /Alex Wilber was restored/);
  });
});
