import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseImportCsv, decodeCsv, MAX_IMPORT_ROWS } from '../../src/features/import/support/parse-csv.js';
import { reviewImport } from '../../src/features/import/support/review.js';
import { pastedCsv } from '../../src/features/import/support/source.js';
import { generateImportCsv, runImport } from '../../src/tools/run-import.js';
import { writeMetrics } from '../../src/adapters/files/durable-file.js';
import { isServiceError } from '../../src/domain/errors.js';
import { openEmbeddedDirectory } from '../../src/adapters/directory/embedded/seed.js';
import type { EmbeddedDirectory } from '../../src/adapters/directory/embedded/embedded-directory.js';
import type { Customer } from '../../src/domain/types.js';
import { TestClock } from '../helpers/test-clock.js';

const ADMIN_CENTER =
  'User Name,First Name,Last Name,Display Name,Job Title,Department,Office Number,Office Phone,Mobile Phone,Fax,Address,City,State or Province,ZIP or Postal Code,Country or Region';

const refusal = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    assert.ok(isServiceError(e) && e.code === 'INVALID_INPUT', String(e));
    return String(e.details.reason);
  }
  assert.fail('expected a refusal');
};

describe('import: CSV parsing', () => {
  it('reads the Microsoft 365 admin center bulk-add template', () => {
    const file = parseImportCsv(`${ADMIN_CENTER}\nben.miller@contoso.com,Ben,Miller,Ben Miller,Buyer,Sales,12,555-0100,555-0101,,1 Main St,Redmond,WA,98052,United States\n`);
    assert.equal(file.delimiter, ',');
    assert.equal(file.rows.length, 1);
    assert.deepEqual(file.rows[0]?.values, {
      upn: 'ben.miller@contoso.com', givenName: 'Ben', surname: 'Miller', displayName: 'Ben Miller', jobTitle: 'Buyer', department: 'Sales', officeLocation: '12',
      businessPhone: '555-0100', mobilePhone: '555-0101', streetAddress: '1 Main St', city: 'Redmond', state: 'WA', postalCode: '98052', country: 'United States',
    });
    assert.equal(file.rows[0]?.rowNumber, 2);
  });

  it('reads the Partner Center template, matching headers without regard to case or spaces', () => {
    const file = parseImportCsv('first name,LAST NAME,DisplayName, Email ,usage_location,LICENSES,Employee ID\nBen,Miller,Ben Miller,ben@contoso.com,us,SPE_E3;EXCHANGESTANDARD,42\n');
    assert.deepEqual(file.rows[0]?.values, { givenName: 'Ben', surname: 'Miller', displayName: 'Ben Miller', upn: 'ben@contoso.com', usageLocation: 'us', licenses: 'SPE_E3;EXCHANGESTANDARD' });
    assert.deepEqual(file.ignoredColumns, ['Employee ID']);
  });

  it('reads semicolon files with a BOM, quoted licenses and an Excel sep= line', () => {
    const text = '\uFEFFUser Name;First Name;Last Name;Licenses\nåsa@fabrikam.se;Åsa;Öberg;"SPE_E3;EXCHANGESTANDARD"\n';
    const file = parseImportCsv(decodeCsv(Buffer.from(text, 'utf8')));
    assert.equal(file.delimiter, ';');
    assert.deepEqual(file.rows[0]?.values, { upn: 'åsa@fabrikam.se', givenName: 'Åsa', surname: 'Öberg', licenses: 'SPE_E3;EXCHANGESTANDARD' });
    const withSep = parseImportCsv('sep=;\r\nUser Name;Display Name\r\nx@contoso.com;X, Y\r\n');
    assert.equal(withSep.rows[0]?.values.displayName, 'X, Y');
  });

  it('keeps quoted commas and newlines in one cell, skips blank lines, and numbers rows as a spreadsheet does', () => {
    const file = parseImportCsv(`User Name,Display Name,Address\n\na@contoso.com,"Vance, Adele","1 Main St\nSuite 2"\n\n,,\nb@contoso.com,Ben,x\n`);
    assert.equal(file.rows.length, 2);
    assert.deepEqual(file.rows.map((r) => r.rowNumber), [3, 6]);
    assert.equal(file.rows[0]?.values.displayName, 'Vance, Adele');
    assert.equal(file.rows[0]?.values.streetAddress, '1 Main St\nSuite 2');
  });

  it('reads Windows-1252 files (older Excel) when they are not UTF-8', () => {
    const bytes = Buffer.from([...Buffer.from('User Name,Display Name\nx@contoso.com,'), 0xc5, 0x73, 0x61, 0x0a]);
    assert.equal(parseImportCsv(decodeCsv(bytes)).rows[0]?.values.displayName, 'Åsa');
  });

  it('refuses files over 10,000 rows or 1 MB, empty files and files without a user name column', () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `u${i}@contoso.com`);
    assert.equal(refusal(() => parseImportCsv(`User Name\n${rows.join('\n')}`)), 'too-many-rows');
    assert.equal(parseImportCsv(`User Name\n${rows.slice(1).join('\n')}`).rows.length, MAX_IMPORT_ROWS);
    assert.equal(refusal(() => decodeCsv(Buffer.alloc(1024 * 1024 + 1, 0x41))), 'too-large');
    assert.equal(refusal(() => parseImportCsv('\n\n')), 'empty');
    assert.equal(refusal(() => parseImportCsv('Name,Phone\nBen,1\n')), 'no-header');
  });

  it('takes the pasted rows below the command with their newlines, in chats and channels', () => {
    assert.equal(pastedCsv('import users\nUser Name\r\na@contoso.com'), 'User Name\r\na@contoso.com');
    assert.equal(pastedCsv('<at>license-desk</at> Import Users<br>User Name<br>a@contoso.com &amp; co'), 'User Name\na@contoso.com & co');
    assert.equal(pastedCsv('import users'), '');
  });
});

describe('import: review', () => {
  let dir: string;
  let directory: EmbeddedDirectory;
  let contoso: Customer;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'import-review-'));
    directory = (await openEmbeddedDirectory(dir, new TestClock())).directory;
    contoso = (await directory.listCustomers()).find((c) => c.name === 'Contoso') as Customer;
  });
  after(async () => {
    await directory.idle();
    await rm(dir, { recursive: true, force: true });
  });

  it('reports every row problem with row number, column and reason, and creates nothing', async () => {
    const csv = [
      'User Name,First Name,Last Name,Display Name,Usage Location,Licenses',
      'new.one@contoso.com,New,One,,US,O365_BUSINESS_PREMIUM', // 2 ready
      'no.name@contoso.com,,,,,', // 3 missing name
      'bad name@contoso.com,Bad,Name,,,', // 4 invalid user name
      'new.one@CONTOSO.com,New,Again,,,', // 5 duplicate
      'adele.vance@contoso.onmicrosoft.com,Adele,Vance,,,', // 6 already exists
      'sku@contoso.com,Sku,Less,,,NOPE_PLAN', // 7 unknown SKU
      'where@contoso.com,Where,Ever,,XX,', // 8 bad country
      'other@fabrikam.se,Other,Domain,,,', // 9 foreign domain
      'short,Short,Name,,se,Microsoft 365 E3', // 10 ready: default domain, name of the SKU
    ].join('\n');
    const usersBefore = (await directory.listUsers(contoso.id, { kind: 'all' }, { top: 0 })).total;
    const review = await reviewImport(directory, contoso, parseImportCsv(csv));
    const byRow = new Map(review.errors.map((e) => [e.rowNumber, e]));
    assert.match(byRow.get(3)?.reason ?? '', /missing name/);
    assert.equal(byRow.get(3)?.column, 'Display Name');
    assert.match(byRow.get(4)?.reason ?? '', /invalid user name/);
    assert.equal(byRow.get(4)?.column, 'User Name');
    assert.match(byRow.get(5)?.reason ?? '', /duplicate in the file \(same user name as row 2\)/);
    assert.match(byRow.get(7)?.reason ?? '', /unknown SKU "NOPE_PLAN"/);
    assert.equal(byRow.get(7)?.column, 'Licenses');
    assert.match(byRow.get(8)?.reason ?? '', /bad country code "XX"/);
    assert.match(byRow.get(9)?.reason ?? '', /fabrikam.se is not a domain of Contoso/);
    assert.deepEqual(review.existing.map((r) => r.rowNumber), [6]);
    assert.deepEqual(review.ready.map((r) => r.input.upn), ['new.one@contoso.com', `short@${contoso.defaultDomain}`]);
    assert.equal(review.ready[0]?.input.displayName, 'New One');
    assert.equal(review.ready[1]?.input.usageLocation, 'SE');
    assert.equal(review.invalidRows, 6);
    assert.deepEqual(
      review.seats.map((s) => [s.skuPartNumber, s.needed, s.free]),
      [['SPE_E3', 1, 0], ['O365_BUSINESS_PREMIUM', 1, 18]],
    );
    assert.equal((await directory.listUsers(contoso.id, { kind: 'all' }, { top: 0 })).total, usersBefore);
  });
});

describe('import: runImport without the bot', () => {
  it('reviews and creates N rows in batches with one durable write per batch; a second run creates nothing', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'import-run-'));
    try {
      const { directory } = await openEmbeddedDirectory(dir, new TestClock());
      const contoso = (await directory.listCustomers()).find((c) => c.name === 'Contoso') as Customer;
      const csv = generateImportCsv(50, contoso.defaultDomain);
      const first = await runImport(directory, contoso.id, csv, { batchSize: 20, durableWrites: () => writeMetrics.durableWrites });
      assert.deepEqual([first.batches, first.durableWrites, first.created], [3, 3, 50]);
      const again = await runImport(directory, contoso.id, csv, { batchSize: 20, durableWrites: () => writeMetrics.durableWrites });
      assert.deepEqual([again.created, again.existing, again.durableWrites], [0, 50, 0]);
      const licensed = await runImport(directory, contoso.id, generateImportCsv(20, contoso.defaultDomain, { prefix: 'seat', licenses: 'TEAMS_ESSENTIALS_AAD' }));
      assert.deepEqual([licensed.created, licensed.failed], [8, 12], 'Teams Essentials has 8 free seats');
      await directory.idle();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
