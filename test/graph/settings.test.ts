import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { credentialOptions } from '../../src/adapters/directory/graph/credentials.js';
import { CustomersFileError, loadCustomers, parseCustomers } from '../../src/adapters/directory/graph/customers-file.js';
import { graphSettingsSchema } from '../../src/adapters/directory/graph/settings.js';
import { redact } from '../../src/adapters/directory/graph/graph-errors.js';

const base = { CUSTOMERS_FILE: 'customers.json', GRAPH_CLIENT_ID: '00000000-0000-4000-8000-00000000c11e' };

describe('Graph settings and customers file', () => {
  it('needs exactly one of client secret and certificate; defaults the https URLs', () => {
    const ok = graphSettingsSchema.parse({ ...base, GRAPH_CLIENT_SECRET: 's3cret' });
    assert.equal(ok.GRAPH_BASE_URL, 'https://graph.microsoft.com');
    assert.equal(ok.GRAPH_AUTHORITY_HOST, 'https://login.microsoftonline.com');
    assert.equal(graphSettingsSchema.safeParse({ ...base, GRAPH_CLIENT_SECRET: '' }).success, false);
    assert.equal(graphSettingsSchema.safeParse({ ...base, GRAPH_CLIENT_SECRET: 'a', GRAPH_CERTIFICATE_PATH: 'b.pem' }).success, false);
    assert.equal(graphSettingsSchema.safeParse({ ...base, GRAPH_CERTIFICATE_PATH: 'cert.pem' }).success, true);
    assert.equal(graphSettingsSchema.safeParse({ ...base, GRAPH_CLIENT_ID: 'nope', GRAPH_CLIENT_SECRET: 'a' }).success, false);
  });

  it('accepts only https base URL and authority host (trailing slash dropped)', () => {
    assert.equal(graphSettingsSchema.safeParse({ ...base, GRAPH_CLIENT_SECRET: 'a', GRAPH_BASE_URL: 'http://graph.microsoft.com' }).success, false);
    assert.equal(graphSettingsSchema.safeParse({ ...base, GRAPH_CLIENT_SECRET: 'a', GRAPH_AUTHORITY_HOST: 'http://127.0.0.1:1' }).success, false);
    const us = graphSettingsSchema.parse({ ...base, GRAPH_CLIENT_SECRET: 'a', GRAPH_BASE_URL: 'https://graph.microsoft.us/', GRAPH_AUTHORITY_HOST: 'https://login.microsoftonline.us' });
    assert.equal(us.GRAPH_BASE_URL, 'https://graph.microsoft.us');
    assert.deepEqual(credentialOptions(us), { authorityHost: 'https://login.microsoftonline.us', disableInstanceDiscovery: true });
    assert.deepEqual(credentialOptions({ GRAPH_AUTHORITY_HOST: 'https://login.microsoftonline.com' }), {});
  });

  it('validates CUSTOMERS_FILE entries with errors naming the file and the entry', () => {
    const good = { name: 'Contoso', tenantId: '5A1B7C9D-1E2F-4A3B-8C4D-5E6F7A8B9C0D', defaultDomain: 'contoso.onmicrosoft.com', usageLocation: 'se' };
    const [parsed] = parseCustomers([good], 'c.json');
    assert.equal(parsed?.tenantId, '5a1b7c9d-1e2f-4a3b-8c4d-5e6f7a8b9c0d');
    assert.equal(parsed?.usageLocation, 'SE');
    assert.throws(() => parseCustomers([good, { ...good, name: 'Fabrikam', tenantId: 'not-a-guid' }], 'c.json'), (e: Error) => {
      assert.ok(e instanceof CustomersFileError);
      assert.match(e.message, /c\.json: entry 2 \("Fabrikam"\) is invalid: tenantId/);
      return true;
    });
    assert.throws(() => parseCustomers([good, { ...good, name: 'Again' }], 'c.json'), /entry 2 \("Again"\) repeats the tenantId of entry 1/);
    assert.throws(() => parseCustomers({ customers: [] }, 'c.json'), /must contain a JSON array/);
    assert.throws(() => parseCustomers([{ ...good, usageLocation: 'Sweden' }], 'c.json'), /usageLocation/);
  });

  it('the example customers file in docs/ is valid, and matches the one shown in docs/graph.md', async () => {
    const example = await loadCustomers('docs/customers.example.json');
    assert.deepEqual(example.map((c) => c.name), ['Contoso Ltd', 'Adatum']);
    const shown = (await readFile('docs/graph.md', 'utf8')).match(/```json\n([\s\S]*?)```/)?.[1];
    assert.deepEqual(parseCustomers(JSON.parse(shown ?? 'null'), 'docs/graph.md'), example);
  });

  it('redacts secrets from text to be logged', () => {
    assert.equal(redact('bad password Abc!23 here', ['Abc!23']), 'bad password [redacted] here');
  });
});
