import type { Request } from 'restify';
import type { Config } from '../config.js';

/** Teams' channel id; the emulator's only when ALLOW_EMULATOR says so. */
export function allowedChannels(config: Config): string[] {
  return config.ALLOW_EMULATOR ? ['msteams', 'emulator'] : ['msteams'];
}

/**
 * Checks on the activity's envelope before the SDK authenticates it. With an app id, only Teams activities that
 * name a service URL get in: the SDK checks the token's serviceurl claim only when the activity has one, and skips
 * endorsement checks when the channel id is empty.
 */
export function admitEnvelope(config: Config): (req: Request) => Promise<boolean> {
  const channels = allowedChannels(config);
  return async (req) => {
    const activity = req.body as { channelId?: unknown; serviceUrl?: unknown };
    if (typeof activity.channelId !== 'string' || activity.channelId.trim() === '') return false;
    if (!config.MicrosoftAppId) return true;
    return channels.includes(activity.channelId) && typeof activity.serviceUrl === 'string' && activity.serviceUrl.length > 0;
  };
}
