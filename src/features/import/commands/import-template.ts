import { z } from 'zod';
import { defineCommand } from '../../../core/command.js';
import { importTemplateCard } from '../../../cards/imports.js';
import { TEMPLATE_HEADERS } from '../support/columns.js';

export default defineCommand({
  name: 'import users template',
  permission: 'user.import',
  customerScoped: false,
  approvable: true,
  category: 'Users',
  summary: 'The columns of an import file (the Microsoft 365 admin center bulk-add template, plus Usage Location and Licenses).',
  usage: 'import users template',
  schema: z.string(),
  async handle(ctx) {
    const customer = ctx.customerId ? await ctx.customer() : undefined;
    const domain = customer?.defaultDomain ?? 'contoso.com';
    const location = customer?.usageLocation ?? 'US';
    const headerLine = TEMPLATE_HEADERS.join(',');
    const example = [`ben.miller@${domain}`, 'Ben', 'Miller', 'Ben Miller', 'Sales Manager', 'Sales', '', '', '', '', '', '', '', '', '', location, ''].join(',');
    return importTemplateCard.render({
      title: 'Import file columns',
      message:
        'Fill in one row per user and save as CSV (comma or semicolon; Excel: "CSV UTF-8"). Then attach the file to `import users` in our personal chat, or paste the rows below `import users` in one message. The Partner Center template (First name, Last name, Email, Display name) works too.',
      headerLine,
      csv: `${headerLine}\n${example}`,
      columns: [
        { title: 'User Name', value: `Required: the sign-in name. Without @domain, @${domain} is used. Partner Center's "Email" column works too.` },
        { title: 'Display Name', value: 'Optional when First Name and Last Name are given.' },
        { title: 'Usage Location', value: `Two-letter country code (US, DE, SE); empty means Country or Region, else ${location}.` },
        { title: 'Licenses', value: 'SKU part numbers separated by ; (e.g. SPE_E3;EXCHANGESTANDARD). Type `licenses` to see them.' },
        { title: 'Limits', value: '10,000 rows and 1 MB per file.' },
      ],
    });
  },
});
