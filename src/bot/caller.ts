import type { Activity } from 'botbuilder';
import type { Caller } from '../domain/caller.js';
import type { Conversation, ConversationKind } from '../core/handler-context.js';

/** The operator behind an activity: Teams' AAD object id and tenant id, never the display name. */
export function callerOf(activity: Activity): Caller {
  const channelData = (activity.channelData ?? {}) as { tenant?: { id?: unknown } };
  const tenantId = typeof channelData.tenant?.id === 'string' ? channelData.tenant.id : activity.conversation?.tenantId ?? '';
  return {
    tenantId: tenantId.toLowerCase(),
    aadObjectId: (activity.from?.aadObjectId ?? '').toLowerCase(),
    name: activity.from?.name ?? 'Unknown',
  };
}

export function conversationOf(activity: Activity): Conversation {
  const type = activity.conversation?.conversationType;
  const kind: ConversationKind = type === 'channel' || type === 'groupChat' ? type : 'personal';
  return { id: activity.conversation?.id ?? '', kind };
}
