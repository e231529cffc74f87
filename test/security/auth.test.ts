import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { generateKeyPair, SignJWT } from 'jose';
import { BotHarness, OWNER } from '../helpers/bot-harness.js';
import { APP_ID, EMULATOR_ISSUER, TokenServer } from './token-server.js';

const NEWCOMER = '7c2d3e4f-2222-4c1a-9e7b-1a2b3c4d5e02';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('security: inbound authentication (local OpenID metadata and JWKS)', () => {
  const tokens = new TokenServer();
  let bot: BotHarness;

  before(async () => {
    await tokens.start();
  });
  after(async () => {
    await tokens.stop();
  });
  beforeEach(async () => {
    bot = await BotHarness.start({ env: tokens.env(), credentialsFactory: tokens.credentialsFactory() });
  });
  afterEach(async () => {
    await bot.stop();
  });

  /** A grant from the owner: if the handler ran it would reply, store the grant and write an audit line. */
  const grantActivity = (fields: Record<string, unknown> = {}) => bot.activity(OWNER, {}, { type: 'message', text: `grant helpdesk to ${NEWCOMER}`, ...fields });
  const auditText = () => readFile(path.join(bot.dataDir, 'audit.jsonl'), 'utf8').catch(() => '');
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  async function assertRefused(activity: Record<string, unknown>, headers: Record<string, string>): Promise<void> {
    const auditBefore = await auditText();
    const callsBefore = bot.connector.calls.length;
    const { status, body } = await bot.post(activity, headers);
    assert.equal(status, 401);
    assert.deepEqual(body, { error: 'Unauthorized' }, 'no detail in the body');
    assert.equal(bot.connector.calls.length, callsBefore, 'nothing was sent to the connector');
    assert.equal(await auditText(), auditBefore, 'nothing was audited');
    assert.equal((await bot.runtime.app.state.operators.allGrants()).length, 0, 'the command did not run');
  }

  it('accepts a valid channel token: 200, the handler runs and replies through the connector', async () => {
    const activity = grantActivity();
    const { status } = await bot.post(activity, bearer(await tokens.token(bot.connector.url)));
    assert.equal(status, 200);
    assert.equal((await bot.runtime.app.state.operators.allGrants()).length, 1);
    const reply = bot.connector.calls.find((c) => c.activity.replyToId === activity.id);
    assert.ok(reply, 'the reply reached the connector');
    assert.match(await auditText(), /"action":"grant"/);
  });

  it('refuses a request without an Authorization header', async () => {
    await assertRefused(grantActivity(), {});
  });

  it('refuses an expired token', async () => {
    await assertRefused(grantActivity(), bearer(await tokens.token(bot.connector.url, { expiresIn: -3600 })));
  });

  it('refuses a token for another bot (wrong audience)', async () => {
    await assertRefused(grantActivity(), bearer(await tokens.token(bot.connector.url, { audience: '00000000-1111-4222-8333-444444444444' })));
  });

  it('refuses a token from another issuer', async () => {
    await assertRefused(grantActivity(), bearer(await tokens.token(bot.connector.url, { issuer: 'https://attacker.example' })));
  });

  it("refuses a token whose serviceurl claim is not the activity's service URL", async () => {
    await assertRefused(grantActivity(), bearer(await tokens.token('https://attacker.example/')));
  });

  it('refuses an activity without a service URL (the SDK would skip the serviceurl check)', async () => {
    await assertRefused(grantActivity({ serviceUrl: undefined }), bearer(await tokens.token(bot.connector.url)));
  });

  it('refuses a token signed by a key not endorsed for msteams', async () => {
    await assertRefused(grantActivity(), bearer(await tokens.token(bot.connector.url, { kid: 'webchat-key' })));
  });

  it('refuses a token signed by a key the metadata does not list (unknown kid)', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    await assertRefused(grantActivity(), bearer(await tokens.token(bot.connector.url, { kid: 'unknown-key', signWith: privateKey })));
  });

  it('refuses alg "none"', async () => {
    const now = Math.floor(Date.now() / 1000);
    const payload = { iss: 'https://api.botframework.test', aud: APP_ID, serviceurl: bot.connector.url, iat: now, exp: now + 3600 };
    await assertRefused(grantActivity(), bearer(`${b64({ alg: 'none', typ: 'JWT', kid: 'channel-key' })}.${b64(payload)}.`));
  });

  it('refuses a forged signature (a different key claiming the channel key id)', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    await assertRefused(grantActivity(), bearer(await tokens.token(bot.connector.url, { signWith: privateKey })));
  });

  it("refuses HS256 signed with the channel's public key as the secret (key confusion)", async () => {
    const secret = new TextEncoder().encode(await tokens.channelPublicPem());
    const token = await new SignJWT({ serviceurl: bot.connector.url })
      .setProtectedHeader({ alg: 'HS256', kid: 'channel-key' })
      .setIssuer('https://api.botframework.test')
      .setAudience(APP_ID)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(secret);
    await assertRefused(grantActivity(), bearer(token));
  });

  it('refuses a token that is not valid yet (nbf an hour ahead)', async () => {
    await assertRefused(grantActivity(), bearer(await tokens.token(bot.connector.url, { notBefore: 3600 })));
  });

  it('refuses an emulator-style token (Entra issuer, appid = the bot) unless ALLOW_EMULATOR=true', async () => {
    const emulatorToken = () => tokens.token(bot.connector.url, { kid: 'emulator-key', issuer: EMULATOR_ISSUER, audience: 'https://api.botframework.com', claims: { ver: '1.0', appid: APP_ID } });
    await assertRefused(grantActivity(), bearer(await emulatorToken()));
    // The same token gets in when the emulator is allowed: the pin is what keeps it out.
    await bot.stop();
    bot = await BotHarness.start({ env: { ...tokens.env(), ALLOW_EMULATOR: 'true' }, credentialsFactory: tokens.credentialsFactory() });
    const { status } = await bot.post(grantActivity(), bearer(await emulatorToken()));
    assert.equal(status, 200);
    assert.equal((await bot.runtime.app.state.operators.allGrants()).length, 1);
  });

  it('refuses an invoke with a bad token without running the card verb', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const activity = bot.activity(OWNER, {}, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'help.show', data: {} } } });
    const { status, body } = await bot.post(activity, bearer(await tokens.token(bot.connector.url, { signWith: privateKey })));
    assert.equal(status, 401);
    assert.deepEqual(body, { error: 'Unauthorized' });
  });

  it('refuses activities from channels other than Teams, even with a valid token', async () => {
    await assertRefused(grantActivity({ channelId: 'webchat' }), bearer(await tokens.token(bot.connector.url, { kid: 'webchat-key' })));
  });
});
