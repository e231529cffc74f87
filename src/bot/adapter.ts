import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { botFrameworkSettings, type Config } from '../config.js';
import type { Logger } from '../log.js';
import { cardActivity } from './card-activity.js';
import { cardForError } from '../cards/messages.js';

/** How the adapter gets credentials for outbound calls; tests pass one that needs no login endpoint. */
export type CredentialsFactory = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1]>;
type AuthConfiguration = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[2]>;

/** The public cloud's Bot Framework channel issuer (AuthenticationConstants.ToBotFromChannelTokenIssuer). */
export const PUBLIC_CHANNEL_ISSUER = 'https://api.botframework.com';

/**
 * Only tokens issued by the Bot Framework channel service get in. Without this the SDK also accepts "emulator"
 * tokens (any Entra tenant's issuer with appid = this bot), and skill tokens.
 */
export function channelIssuerPin(config: Config): AuthConfiguration {
  const issuer = config.ToBotFromChannelTokenIssuer ?? PUBLIC_CHANNEL_ISSUER;
  return {
    requiredEndorsements: [],
    validateClaims: async (claims) => {
      if (config.ALLOW_EMULATOR) return;
      const iss = claims.find((c) => c.type === 'iss')?.value;
      // A plain Error: the SDK answers 500, which the server turns into a bare 401 (nothing ran).
      if (iss !== issuer) throw new Error('token issuer is not the Bot Framework channel service');
    },
  };
}

export function createAdapter(config: Config, log: Logger, credentialsFactory?: CredentialsFactory): CloudAdapter {
  const settings = botFrameworkSettings(config) as ConfigurationBotFrameworkAuthenticationOptions;
  const auth = new ConfigurationBotFrameworkAuthentication(settings, credentialsFactory, channelIssuerPin(config));
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    log.error({ err: { name: error.name, message: error.message, stack: error.stack }, activityType: context.activity.type }, 'unhandled error in a turn');
    if (context.activity.type === 'message') await context.sendActivity(cardActivity(cardForError(error))).catch(() => undefined);
  };
  return adapter;
}
