import assert from 'node:assert/strict';
import { BotHarness, persona, type Card, type Persona } from '../helpers/bot-harness.js';
import { CONTOSO } from '../helpers/setup.js';
import { cardText } from '../helpers/cards.js';
import type { Role } from '../../src/core/permissions.js';

interface HelpEntry {
  section: string;
  usage: string;
  summary: string;
}

/** The help card as section / usage / summary rows. */
function entriesOf(card: Card | undefined): HelpEntry[] {
  const out: HelpEntry[] = [];
  const sections = (card?.body as { type: string; items?: Card[] }[] | undefined)?.filter((b) => b.type === 'Container') ?? [];
  for (const section of sections) {
    const [title, ...rows] = section.items ?? [];
    for (const row of rows) {
      const [usage, summary] = cardText(row).split('\n');
      out.push({ section: String(title?.text), usage: usage ?? '', summary: summary ?? '' });
    }
  }
  return out;
}

describe('help per role: what each operator may do, and what they may only ask for', () => {
  let bot: BotHarness;
  before(async () => {
    bot = await BotHarness.start();
  });
  after(async () => bot.stop());

  const helpAs = async (role: Role | null, customers: string[] | null = [CONTOSO]) => {
    const who: Persona = persona(`Op ${role ?? 'none'} ${customers ? 'contoso' : 'all'}`);
    if (role) await bot.grant(who, role, customers);
    if (role) await bot.say(who, 'use contoso');
    const { cards } = await bot.say(who, 'help');
    const entries = entriesOf(cards[0]);
    const command = (usage: string) => entries.find((e) => e.usage === usage || e.usage.startsWith(`${usage} `));
    assert.ok(JSON.stringify(cards[0]).length < 28_000, 'fits in a Teams message');
    return { entries, command, intro: cardText(cards[0]), sections: [...new Set(entries.map((e) => e.section))] };
  };
  const ASK = /You may ask: an admin approves/;

  it('global admin (all customers): every section, nothing marked as a request', async () => {
    const help = await helpAs('global-admin', null);
    assert.deepEqual(help.sections.sort(), ['Approvals', 'Audit', 'Licenses', 'Operators', 'Start here', 'Users']);
    for (const usage of ['grant', 'approvals here', 'audit', 'delete user', 'import users', 'assign']) assert.ok(help.command(usage), usage);
    assert.equal(help.entries.filter((e) => ASK.test(e.summary)).length, 0);
  });

  it('a global admin for one customer is not offered the partner-wide commands the router refuses', async () => {
    const help = await helpAs('global-admin', [CONTOSO]);
    for (const usage of ['grant', 'approvals here', 'audit']) assert.equal(help.command(usage), undefined, usage);
    assert.ok(help.command('delete user'));
  });

  it('admin agent: audit, no operator management or approvals channel', async () => {
    const help = await helpAs('admin-agent', null);
    assert.ok(help.command('audit'));
    for (const usage of ['grant', 'approvals here']) assert.equal(help.command(usage), undefined, usage);
  });

  it('user admin: user and license commands; told that admin-role users need approval', async () => {
    const help = await helpAs('user-admin');
    for (const usage of ['delete user', 'restore', 'create user', 'reset password', 'assign', 'approvals']) assert.doesNotMatch(help.command(usage)?.summary ?? 'missing', ASK, usage);
    for (const usage of ['audit', 'grant']) assert.equal(help.command(usage), undefined, usage);
    assert.match(help.intro, /admin role go to a Global admin or Admin agent for approval/);
  });

  it('helpdesk: the commands it may only ask for are listed and marked, with the reason syntax', async () => {
    const help = await helpAs('helpdesk');
    for (const usage of ['delete user', 'restore', 'create user', 'import users', 'assign', 'remove', 'manage licenses']) {
      assert.match(help.command(usage)?.summary ?? `${usage} missing`, ASK, usage);
    }
    assert.match(help.command('delete user')?.usage ?? '', /because <reason>/);
    for (const usage of ['reset password', 'users', 'user', 'deleted', 'licenses', 'approvals']) assert.doesNotMatch(help.command(usage)?.summary ?? 'missing', ASK, usage);
    for (const usage of ['audit', 'grant', 'approvals here']) assert.equal(help.command(usage), undefined, usage);
    assert.match(help.intro, /you get the result in your personal chat/);
  });

  it('no role: only help and whoami', async () => {
    const help = await helpAs(null);
    assert.deepEqual(help.entries.map((e) => e.usage.split(' ')[0]).sort(), ['help', 'whoami']);
    assert.match(help.intro, /no role yet/);
  });
});
