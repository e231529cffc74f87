import type { AdaptiveCard } from '../../../cards/card-template.js';
import type { CardAction } from '../../../cards/common.js';
import { importReportCard } from '../../../cards/imports.js';
import type { ImportJob } from './jobs.js';
import type { ImportReview, SeatNeed } from './review.js';
import { VERB } from '../../../cards/verbs.js';

/** Lines listed per section; the rest is counted ("and 40 more"), so a card stays well under 28 KB. */
export const LISTED_LINES = 25;

export const n = (value: number): string => value.toLocaleString('en-US');
const plural = (count: number, one: string, many = `${one}s`): string => `${n(count)} ${count === 1 ? one : many}`;
const clip = (text: string, max = 160): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function section(heading: string, lines: { title: string; value: string }[]) {
  const shown = lines.slice(0, LISTED_LINES).map((l) => ({ title: clip(l.title, 80), value: clip(l.value) }));
  return { heading, facts: shown, more: lines.length > shown.length ? `… and ${n(lines.length - shown.length)} more.` : '' };
}

function seatLine(s: SeatNeed) {
  const short = s.needed - s.free;
  const value = short > 0 ? `${n(s.needed)} needed, ${n(s.free)} free: ${plural(short, 'row')} will not be created unless you buy seats` : `${n(s.needed)} needed, ${n(s.free)} free`;
  return { title: `${s.name} (${s.skuPartNumber})`, value };
}

export function reviewCard(job: ImportJob, review: ImportReview): AdaptiveCard {
  const ready = review.ready.length;
  const shortage = review.seats.some((s) => s.needed > s.free);
  const actions: CardAction[] = [];
  if (ready > 0 && review.invalidRows === 0) actions.push({ title: `Create ${plural(ready, 'user')}`, verb: VERB.importCreate, data: { importId: job.id } });
  if (ready > 0 && review.invalidRows > 0) actions.push({ title: `Create only the ${plural(ready, 'valid row')}`, verb: VERB.importCreate, data: { importId: job.id } });
  actions.push({ title: 'Cancel', verb: VERB.importCancel, data: { importId: job.id } });
  const headline =
    ready === 0
      ? 'There is nothing to create: fix the file and import it again.'
      : `Nothing is created until you press a button. ${plural(ready, 'row is', 'rows are')} ready${review.invalidRows ? `; ${plural(review.invalidRows, 'row has', 'rows have')} errors and will be skipped` : ''}.`;
  const sections = [];
  if (review.seats.length > 0) sections.push(section('Seats needed', review.seats.map(seatLine)));
  if (review.errors.length > 0) sections.push(section('Rows with errors', review.errors.map((e) => ({ title: `Row ${e.rowNumber} · ${e.column}`, value: e.reason }))));
  if (review.existing.length > 0) sections.push(section('Already exist (will be skipped)', review.existing.map((r) => ({ title: `Row ${r.rowNumber}`, value: r.input.upn }))));
  const notes = [
    shortage ? 'Rows whose licenses do not fit the free seats are reported and not created; the others are.' : '',
    review.ignoredColumns.length ? `Ignored columns: ${clip(review.ignoredColumns.join(', '), 300)}.` : '',
    `Only you can press these buttons, until ${job.expiresAt.slice(0, 16).replace('T', ' ')} UTC.`,
  ];
  return importReportCard.render({
    title: `Review: ${clip(job.fileName, 60)} for ${job.customerName}`,
    color: ready === 0 ? 'Attention' : review.invalidRows || shortage ? 'Warning' : 'Default',
    message: headline,
    facts: [
      { title: 'Rows in the file', value: n(review.totalRows) },
      { title: 'Ready to create', value: n(ready) },
      { title: 'Already exist (skipped)', value: n(review.existing.length) },
      { title: 'Rows with errors', value: n(review.invalidRows) },
    ],
    sections,
    footnote: notes.filter(Boolean).join(' '),
    actions: ready > 0 ? actions : actions.filter((a) => a.verb !== VERB.importCreate),
    askReason: ready > 0,
  });
}

function progressFacts(job: ImportJob) {
  const p = job.progress;
  return [
    { title: 'Created', value: n(p.created) },
    { title: 'Already existed', value: n(p.existing) },
    { title: 'Not created', value: n(p.failures.length) },
    { title: 'Rows with errors in the file', value: n(job.review.invalidRows) },
  ];
}

const failureSection = (job: ImportJob) => section('Not created', job.progress.failures.map((f) => ({ title: `Row ${f.rowNumber} · ${f.upn}`, value: f.reason })));

export function progressCard(job: ImportJob): AdaptiveCard {
  const p = job.progress;
  return importReportCard.render({
    title: `Importing ${clip(job.fileName, 60)} into ${job.customerName}`,
    color: 'Accent',
    message: `Created ${n(p.created)} of ${n(p.total)}${p.processed > 0 ? ` (${n(p.processed)} rows handled)` : ''}. This card updates itself; you can keep working.`,
    facts: progressFacts(job),
    sections: p.failures.length ? [failureSection(job)] : [],
    footnote: 'If the bot stops, what was created stays created: type `import status` to see how far it got.',
    actions: [],
  });
}

/** The button that gives the users who never saw their temporary password a new one (asks to confirm first). */
export const resetUnshownAction = (job: ImportJob): CardAction => ({
  title: `Reset their ${plural(job.progress.passwordsLost, 'password')}`,
  verb: VERB.importPasswordsReset,
  data: { importId: job.id },
});

export function resultCard(job: ImportJob, passwordsNote: string): AdaptiveCard {
  const p = job.progress;
  const lost = p.passwordsLost;
  const trouble = p.failures.length > 0 || job.review.invalidRows > 0 || lost > 0;
  const lostNote = lost ? `${plural(lost, 'user', 'users')} never got their temporary password (the bot stopped before showing it): reset their passwords.` : '';
  return importReportCard.render({
    title: `Import finished: ${clip(job.fileName, 60)} into ${job.customerName}`,
    color: trouble ? 'Warning' : 'Good',
    message: [`${plural(p.created, 'user')} created, ${n(p.existing)} already existed, ${n(p.failures.length)} not created.`, passwordsNote, lostNote].filter(Boolean).join(' '),
    facts: [...progressFacts(job), ...(lost ? [{ title: 'Never got their temporary password', value: n(lost) }] : [])],
    sections: p.failures.length ? [failureSection(job)] : [],
    footnote: p.failures.length ? 'Importing the same file again creates only the users still missing.' : '',
    actions: [...(lost ? [resetUnshownAction(job)] : []), { title: 'Import status', verb: VERB.importStatus, data: {} }],
  });
}

function statusLine(job: ImportJob, interrupted: boolean, expired: boolean): { title: string; value: string } {
  const p = job.progress;
  const when = `${job.createdAt.slice(0, 16).replace('T', ' ')} UTC by ${job.operator.name}`;
  const counts = `${n(p.created)} created, ${n(p.existing)} already existed, ${n(p.failures.length)} not created`;
  const text: Record<ImportJob['status'], string> = {
    review: expired ? 'review expired, nothing created' : `waiting for review: ${n(job.review.readyRows)} rows ready`,
    running: interrupted ? `interrupted after ${n(p.processed)} of ${n(p.total)} rows: ${counts}` : `running: ${n(p.processed)} of ${n(p.total)} rows, ${counts}`,
    stopped: `stopped by an error after ${n(p.processed)} of ${n(p.total)} rows: ${counts}`,
    finished: `finished: ${counts}`,
    cancelled: 'cancelled, nothing created',
  };
  return { title: `${clip(job.fileName, 50)} (${when})`, value: text[job.status] };
}

export function statusCard(customerName: string, jobs: { job: ImportJob; interrupted: boolean; expired: boolean; resumable: boolean }[]): AdaptiveCard {
  // Passwords are shown when a run finishes: users created by a run that never finished never had theirs shown.
  const lost = jobs.reduce((sum, j) => sum + (j.resumable || j.interrupted || j.job.status === 'stopped' ? j.job.progress.created : j.job.progress.passwordsLost), 0);
  const resumable = jobs.filter((j) => j.resumable);
  return importReportCard.render({
    title: `Imports for ${customerName}`,
    color: resumable.length ? 'Warning' : 'Default',
    message: jobs.length ? '' : 'No imports yet. Attach a CSV file with `import users`, or type `import users template`.',
    facts: jobs.map((j) => statusLine(j.job, j.interrupted, j.expired)),
    sections: [],
    footnote: [
      resumable.length ? 'An interrupted import can be resumed: it creates only the users still missing (or import the same file again).' : '',
      lost ? `${plural(lost, 'user was', 'users were')} created before a stop and never got their temporary password shown: reset their passwords.` : '',
    ]
      .filter(Boolean)
      .join(' '),
    actions: [
      ...resumable.slice(0, 3).map((j) => ({ title: `Resume ${clip(j.job.fileName, 30)}`, verb: VERB.importCreate, data: { importId: j.job.id } })),
      ...jobs
        .filter((j) => j.job.status === 'finished' && j.job.progress.passwordsLost > 0)
        .slice(0, 2)
        .map((j) => ({ ...resetUnshownAction(j.job), title: `${resetUnshownAction(j.job).title} (${clip(j.job.fileName, 30)})` })),
    ],
  });
}
