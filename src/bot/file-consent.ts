import { MessageFactory, type Attachment, type InvokeResponse, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Logger } from '../log.js';
import type { FileOffer } from '../ports/messaging.js';
import { notice } from '../cards/messages.js';
import { cardActivity } from './card-activity.js';
import { callerOf } from './caller.js';
import type { FileOffers } from './file-offers.js';

export const FILE_CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO = 'application/vnd.microsoft.teams.card.file.info';

/** The consent card Teams shows with Allow / Decline; the contexts carry only the offer id. */
export function consentAttachment(offerId: string, file: FileOffer): Attachment {
  const context = { offerId };
  return { contentType: FILE_CONSENT, name: file.name, content: { description: file.description, sizeInBytes: file.content.length, acceptContext: context, declineContext: context } };
}

const consentSchema = z.object({
  action: z.enum(['accept', 'decline']),
  context: z.object({ offerId: z.string().max(64) }).partial().optional(),
  uploadInfo: z.object({ name: z.string(), uploadUrl: z.string().url(), contentUrl: z.string(), uniqueId: z.string().optional(), fileType: z.string().optional() }).optional(),
});

/**
 * fileConsent/invoke: on accept, uploads the bytes to the OneDrive URL Teams gave and posts a file info card; on
 * decline, says so. Upload URLs must be https outside tests and local runs.
 */
export async function handleFileConsent(context: TurnContext, offers: FileOffers, log: Logger, allowHttp: boolean): Promise<InvokeResponse> {
  const parsed = consentSchema.safeParse(context.activity.value);
  if (!parsed.success) return { status: 400 };
  const { action, uploadInfo } = parsed.data;
  const offer = offers.take(parsed.data.context?.offerId, callerOf(context.activity));
  if (!offer) {
    await context.sendActivity(cardActivity(notice('This file is no longer available', 'Offers last an hour and work once. Ask again, for example `audit export`.')));
    return { status: 200 };
  }
  if (action === 'decline') {
    await context.sendActivity(cardActivity(notice('File declined', `${offer.name} was not saved. Nothing was sent.`)));
    return { status: 200 };
  }
  if (!uploadInfo || (!allowHttp && !uploadInfo.uploadUrl.startsWith('https://'))) return { status: 400 };
  const size = offer.content.length;
  const response = await fetch(uploadInfo.uploadUrl, {
    method: 'PUT',
    headers: { 'content-length': String(size), 'content-range': `bytes 0-${Math.max(size - 1, 0)}/${size}` },
    body: new Uint8Array(offer.content),
  });
  if (!response.ok) {
    log.warn({ status: response.status }, 'file upload to OneDrive failed');
    await context.sendActivity(cardActivity(notice('Upload failed', `${offer.name} could not be saved to your OneDrive (HTTP ${response.status}). Ask again to retry.`, { color: 'Attention' })));
    return { status: 200 };
  }
  const info: Attachment = { contentType: FILE_INFO, contentUrl: uploadInfo.contentUrl, name: uploadInfo.name, content: { uniqueId: uploadInfo.uniqueId, fileType: uploadInfo.fileType } };
  await context.sendActivity(MessageFactory.attachment(info));
  return { status: 200 };
}
