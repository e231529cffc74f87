import assert from 'node:assert/strict';
import { downloadAllowed } from '../../src/features/import/support/download-hosts.js';
import { loadConfig } from '../../src/config.js';

const allowed = (url: string, hosts: string) => downloadAllowed(new URL(url), hosts.split(','));

describe('import download hosts (IMPORT_DOWNLOAD_HOSTS)', () => {
  it('matches *.suffix on any subdomain over https, never the bare suffix or a look-alike', () => {
    const list = '*.sharepoint.com';
    assert.equal(allowed('https://contoso-my.sharepoint.com/personal/a/_layouts/15/download.aspx?UniqueId=1&tempauth=x', list), true);
    assert.equal(allowed('https://CONTOSO.SharePoint.com/x', list), true);
    assert.equal(allowed('https://sharepoint.com/x', list), false);
    assert.equal(allowed('https://evilsharepoint.com/x', list), false);
    assert.equal(allowed('https://contoso.sharepoint.com.evil.example/x', list), false);
    assert.equal(allowed('https://contoso.sharepoint.com./x', list), false);
    assert.equal(allowed('https://evil.example/x?h=.sharepoint.com', list), false);
    assert.equal(allowed('https://contoso.sharepoint.com@evil.example/x', list), false);
  });

  it('https only, except for a loopback host the list names; ports must match (none: the default port)', () => {
    assert.equal(allowed('http://contoso.sharepoint.com/x', '*.sharepoint.com'), false);
    assert.equal(allowed('https://contoso.sharepoint.com:8443/x', '*.sharepoint.com'), false);
    assert.equal(allowed('https://contoso.sharepoint.com:8443/x', '*.sharepoint.com:8443'), true);
    assert.equal(allowed('http://127.0.0.1:4000/x', '127.0.0.1:4000'), true);
    assert.equal(allowed('http://127.0.0.1:4001/x', '127.0.0.1:4000'), false);
    assert.equal(allowed('http://localhost:4000/x', '127.0.0.1:4000'), false);
    assert.equal(allowed('http://[::1]:4000/x', '[::1]:4000'), true);
    assert.equal(allowed('http://files.example:80/x', 'files.example'), false, 'plain http to a non-loopback host, even when listed');
    assert.equal(allowed('https://files.example/x', 'files.example'), true);
    assert.equal(allowed('ftp://files.example/x', 'files.example'), false);
    assert.equal(allowed('file:///etc/passwd', 'localhost'), false);
  });

  it('defaults to SharePoint and validates each pattern', () => {
    assert.deepEqual(loadConfig({}).IMPORT_DOWNLOAD_HOSTS, ['*.sharepoint.com']);
    assert.deepEqual(loadConfig({ IMPORT_DOWNLOAD_HOSTS: ' *.SharePoint.com , 127.0.0.1:3000 ' }).IMPORT_DOWNLOAD_HOSTS, ['*.sharepoint.com', '127.0.0.1:3000']);
    for (const bad of ['*', '*.com', 'https://x.sharepoint.com', 'x.sharepoint.com/path', 'host:port']) {
      assert.throws(() => loadConfig({ IMPORT_DOWNLOAD_HOSTS: bad }), /IMPORT_DOWNLOAD_HOSTS\.0: must be a host name/, bad);
    }
  });
});
