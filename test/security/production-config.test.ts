import assert from 'node:assert/strict';
import { ConfigError, ENDPOINT_OVERRIDE_KEYS, loadConfig } from '../../src/config.js';

const APP = { MicrosoftAppId: '9f8e7d6c-5b4a-4392-8170-6a5b4c3d2e1f', MicrosoftAppPassword: 'a-secret-value-123' };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.lines;
  }
}

describe('security: production configuration', () => {
  it('refuses to start without an app id', () => {
    assert.deepEqual(problems({ NODE_ENV: 'production' }), ['MicrosoftAppId: is required in production (the bot would accept unauthenticated requests)']);
  });

  it('refuses an app id without credentials, except with a managed identity', () => {
    const lines = problems({ NODE_ENV: 'production', MicrosoftAppId: APP.MicrosoftAppId });
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? '', /^MicrosoftAppPassword: is required in production/);
    assert.deepEqual(problems({ NODE_ENV: 'production', MicrosoftAppId: APP.MicrosoftAppId, MicrosoftAppType: 'UserAssignedMSI' }), []);
    assert.deepEqual(problems({ NODE_ENV: 'production', MicrosoftAppId: APP.MicrosoftAppId, CertificateThumbprint: 'AB12', CertificatePrivateKey: '-----BEGIN PRIVATE KEY-----' }), []);
    assert.deepEqual(problems({ NODE_ENV: 'production', ...APP }), []);
  });

  it('refuses each endpoint override key unless BOT_CLOUD names the cloud', () => {
    for (const key of ENDPOINT_OVERRIDE_KEYS) {
      const lines = problems({ NODE_ENV: 'production', ...APP, [key]: 'https://login.attacker.example/' });
      assert.deepEqual(lines, [`${key}: must not be set in production unless BOT_CLOUD names the cloud it points at`]);
      assert.deepEqual(problems({ NODE_ENV: 'production', ...APP, [key]: 'https://login.example.sovereign/', BOT_CLOUD: 'sovereign-cloud' }), []);
    }
  });

  it('refuses bare BOT_OWNERS object ids without a home tenant, in one line', () => {
    const oid = '0a0a0a0a-0000-4000-8000-000000000001';
    const tenant = '11111111-2222-4333-8444-555555555555';
    assert.deepEqual(problems({ NODE_ENV: 'production', ...APP, BOT_OWNERS: `${oid},${oid.replace('1', '2')}` }), [
      'BOT_OWNERS: has object ids without a tenant and no home tenant is known: set HOME_TENANT_ID, or write each entry as <tenantId>:<objectId>',
    ]);
    assert.deepEqual(problems({ NODE_ENV: 'production', ...APP, BOT_OWNERS: oid, HOME_TENANT_ID: tenant }), []);
    assert.deepEqual(problems({ NODE_ENV: 'production', ...APP, BOT_OWNERS: oid, MicrosoftAppTenantId: tenant }), []);
    assert.deepEqual(problems({ NODE_ENV: 'production', ...APP, BOT_OWNERS: oid, ALLOWED_TENANTS: tenant }), []);
    assert.deepEqual(problems({ NODE_ENV: 'production', ...APP, BOT_OWNERS: `${tenant}:${oid}` }), []);
    assert.deepEqual(problems({ NODE_ENV: 'development', BOT_OWNERS: oid }), [], 'local development binds on first write instead');
  });

  it('names each bad BOT_OWNERS entry on its own line, and a bad HOME_TENANT_ID, without echoing them', () => {
    const oid = '0a0a0a0a-0000-4000-8000-000000000001';
    const lines = problems({ BOT_OWNERS: `olivia-owner,${oid},contoso:${oid},${oid}:${oid}`, HOME_TENANT_ID: 'contoso-home' });
    assert.deepEqual(lines.sort(), [
      'BOT_OWNERS.0: must be an object id or <tenantId>:<objectId> (both GUIDs)',
      'BOT_OWNERS.2: must be an object id or <tenantId>:<objectId> (both GUIDs)',
      'HOME_TENANT_ID: must be a GUID',
    ]);
  });

  it('allows overrides outside production (tests, local development)', () => {
    assert.deepEqual(problems({ NODE_ENV: 'test', ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:1/' }), []);
  });

  it('never echoes a value in its messages', () => {
    const lines = problems({ NODE_ENV: 'production', MicrosoftAppId: APP.MicrosoftAppId, OAuthUrl: 'https://secret-host.example/' });
    assert.ok(lines.length >= 2);
    assert.doesNotMatch(lines.join('\n'), /secret-host|9f8e7d6c/);
  });
});
