import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { botFrameworkSettings, type Config } from '../config.js';
import type { Logger } from '../log.js';
import { cardActivity } from './card-activity.js';
import { cardForError } from '../cards/messages.js';

export function createAdapter(config: Config, log: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication(botFrameworkSettings(config) as ConfigurationBotFrameworkAuthenticationOptions);
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    log.error({ err: { name: error.name, message: error.message, stack: error.stack }, activityType: context.activity.type }, 'unhandled error in a turn');
    if (context.activity.type === 'message') await context.sendActivity(cardActivity(cardForError(error))).catch(() => undefined);
  };
  return adapter;
}
