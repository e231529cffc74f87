import assert from 'node:assert/strict';
import { auditCsv, csvCell } from '../../src/features/audit/support/audit-csv.js';
import type { AuditEntry } from '../../src/core/audit.js';
import { splitReason, withReason } from '../../src/features/shared/reason.js';
import { z } from 'zod';

describe('audit CSV', () => {
  it('neutralises formulas: cells starting with = + - @ tab or CR get a leading apostrophe', () => {
    for (const bad of ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\t=x', '\r=x']) assert.ok(csvCell(bad).replace(/^"/, '').startsWith("'"), JSON.stringify(bad));
    assert.equal(csvCell('Adele Vance'), 'Adele Vance');
    assert.equal(csvCell('a-b=c'), 'a-b=c', 'only the first character matters');
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and keeps UTF-8 names', () => {
    const entry: AuditEntry = {
      at: '2026-11-20T09:00:00.000Z',
      actor: { tenantId: 't', aadObjectId: 'a', name: 'Åsa, "the" Öberg' },
      role: 'global-admin',
      customerId: 'c',
      customerName: 'Fabrikam',
      action: 'user.delete',
      target: '=HYPERLINK("http://x","y")',
      outcome: 'success',
      details: { note: 'line1\nline2' },
      approvalId: 'abc',
    };
    const csv = auditCsv([entry]);
    assert.ok(csv.startsWith('\ufeffWhen (UTC),Who,'));
    const row = csv.split('\r\n')[1] ?? '';
    assert.match(row, /"Åsa, ""the"" Öberg"/);
    assert.match(row, /"'=HYPERLINK\(""http:\/\/x"",""y""\)"/);
    assert.match(row, /,abc,/);
  });
});

describe('because <reason>', () => {
  it('splits a trailing reason off the argument text', () => {
    assert.deepEqual(splitReason('x@y.com because ticket 4711'), { text: 'x@y.com', reason: 'ticket 4711' });
    assert.deepEqual(splitReason('x@y.com BECAUSE  she left '), { text: 'x@y.com', reason: 'she left' });
    assert.deepEqual(splitReason('x@y.com'), { text: 'x@y.com' });
    assert.deepEqual(splitReason('becauseful@y.com'), { text: 'becauseful@y.com' }, 'only the whole word');
    assert.deepEqual(splitReason('x@y.com because'), { text: 'x@y.com' });
  });

  it('wraps a command schema', () => {
    const schema = withReason(z.string().min(1, 'Say who.'));
    assert.deepEqual(schema.parse('x@y because ticket 1'), { args: 'x@y', reason: 'ticket 1' });
    assert.equal(schema.safeParse('because only a reason').success, false);
  });
});
