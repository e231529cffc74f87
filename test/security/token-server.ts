import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import type { CredentialsFactory } from '../../src/bot/adapter.js';

export const APP_ID = '9f8e7d6c-5b4a-4392-8170-6a5b4c3d2e1f';
export const APP_PASSWORD = 'test-app-password-Zq8!vR2#kL5';
/** The channel issuer the bot is configured with (ToBotFromChannelTokenIssuer). */
export const CHANNEL_ISSUER = 'https://api.botframework.test';
/** An issuer the SDK's emulator path accepts (one of ToBotFromBotOrEmulatorTokenValidationParameters.issuer). */
export const EMULATOR_ISSUER = 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/';

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function signingKey(kid: string, endorsements?: string[]): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, use: 'sig', ...(endorsements ? { endorsements } : {}) };
  return { kid, privateKey, jwk };
}

export interface TokenOptions {
  kid?: string;
  /** Sign with this key instead of the one named by kid (a forged signature). */
  signWith?: CryptoKey;
  claims?: JWTPayload & Record<string, unknown>;
  issuer?: string;
  audience?: string;
  expiresIn?: number;
  notBefore?: number;
}

/**
 * The Bot Framework's token service on loopback: OpenID metadata and JWKS for the channel and for the emulator path,
 * and the tokens Teams would send. Keys are generated per run; nothing leaves the machine.
 */
export class TokenServer {
  url = '';
  private server!: http.Server;
  channelKey!: SigningKey;
  webchatOnlyKey!: SigningKey;
  emulatorKey!: SigningKey;
  /** The token the bot's outbound calls carry (see credentialsFactory). */
  readonly outboundToken = `outbound-${randomUUID()}`;

  async start(): Promise<void> {
    this.channelKey = await signingKey('channel-key', ['msteams']);
    this.webchatOnlyKey = await signingKey('webchat-key', ['webchat']);
    this.emulatorKey = await signingKey('emulator-key');
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections?.();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Every endpoint override key, set together (setting one makes the SDK drop the defaults of the others). */
  env(): Record<string, string> {
    return {
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: APP_PASSWORD,
      ToBotFromChannelOpenIdMetadataUrl: `${this.url}/channel/.well-known/openidconfiguration`,
      ToBotFromEmulatorOpenIdMetadataUrl: `${this.url}/emulator/.well-known/openidconfiguration`,
      ToBotFromChannelTokenIssuer: CHANNEL_ISSUER,
      ToChannelFromBotOAuthScope: 'https://api.botframework.test',
      ToChannelFromBotLoginUrl: `${this.url}/login`,
      OAuthUrl: `${this.url}/oauth`,
      CallerId: 'urn:botframework:test',
    };
  }

  /** A Teams-like channel token for an activity, valid unless options say otherwise. */
  async token(serviceUrl: string, options: TokenOptions = {}): Promise<string> {
    const key = [this.channelKey, this.webchatOnlyKey, this.emulatorKey].find((k) => k.kid === (options.kid ?? 'channel-key'));
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({ serviceurl: serviceUrl, ...options.claims })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: options.kid ?? 'channel-key' })
      .setIssuer(options.issuer ?? CHANNEL_ISSUER)
      .setAudience(options.audience ?? APP_ID)
      .setIssuedAt(now - 60)
      .setExpirationTime(now + (options.expiresIn ?? 3600));
    if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore);
    const signer = options.signWith ?? key?.privateKey;
    if (!signer) throw new Error(`no key ${options.kid}`);
    return jwt.sign(signer);
  }

  /** The PEM of the channel's public key: what an HS256 key-confusion attack uses as the HMAC secret. */
  async channelPublicPem(): Promise<string> {
    const { importJWK } = await import('jose');
    return exportSPKI((await importJWK(this.channelKey.jwk, 'RS256')) as CryptoKey);
  }

  /** Signs outbound calls with a fixed test token instead of logging in at ToChannelFromBotLoginUrl. */
  credentialsFactory(): CredentialsFactory {
    const token = this.outboundToken;
    return {
      isValidAppId: async (appId: string) => appId === APP_ID,
      isAuthenticationDisabled: async () => false,
      createCredentials: async () => ({
        signRequest: async <R extends { headers: { set(name: string, value: string): void } }>(request: R) => {
          request.headers.set('authorization', `Bearer ${token}`);
          return request;
        },
      }),
    } as unknown as CredentialsFactory;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    switch (req.url) {
      case '/channel/.well-known/openidconfiguration':
        return json(200, { issuer: CHANNEL_ISSUER, jwks_uri: `${this.url}/channel/keys`, id_token_signing_alg_values_supported: ['RS256'] });
      case '/channel/keys':
        return json(200, { keys: [this.channelKey.jwk, this.webchatOnlyKey.jwk] });
      case '/emulator/.well-known/openidconfiguration':
        return json(200, { issuer: EMULATOR_ISSUER, jwks_uri: `${this.url}/emulator/keys` });
      case '/emulator/keys':
        return json(200, { keys: [this.emulatorKey.jwk] });
      default:
        return json(404, { error: 'not found' });
    }
  }
}
