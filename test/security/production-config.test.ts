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

  it('allows overrides outside production (tests, local development)', () => {
    assert.deepEqual(problems({ NODE_ENV: 'test', ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:1/' }), []);
  });

  it('never echoes a value in its messages', () => {
    const lines = problems({ NODE_ENV: 'production', MicrosoftAppId: APP.MicrosoftAppId, OAuthUrl: 'https://secret-host.example/' });
    assert.ok(lines.length >= 2);
    assert.doesNotMatch(lines.join('\n'), /secret-host|9f8e7d6c/);
  });
});
