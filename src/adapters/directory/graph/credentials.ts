import { ClientCertificateCredential, ClientSecretCredential, type TokenCredential } from '@azure/identity';
import { ServiceError } from '../../../domain/errors.js';
import { DEFAULT_AUTHORITY_HOST, type GraphSettings } from './settings.js';

/** Makes the credential for one customer tenant; injectable so tests never reach login.microsoftonline.com. */
export type CredentialFactory = (tenantId: string) => TokenCredential;

export interface TokenProvider {
  /** A bearer token for Graph in the given tenant. */
  getToken(tenantId: string): Promise<string>;
}

/** Options for @azure/identity: a non-default (sovereign or test) authority must skip instance discovery. */
export function credentialOptions(settings: Pick<GraphSettings, 'GRAPH_AUTHORITY_HOST'>): { authorityHost?: string; disableInstanceDiscovery?: boolean } {
  return settings.GRAPH_AUTHORITY_HOST === DEFAULT_AUTHORITY_HOST ? {} : { authorityHost: settings.GRAPH_AUTHORITY_HOST, disableInstanceDiscovery: true };
}

/** Client credentials of the partner's multi-tenant app, as a secret or a certificate file (PEM with private key). */
export function clientCredentialFactory(settings: GraphSettings): CredentialFactory {
  const options = credentialOptions(settings);
  return (tenantId) => {
    if (settings.GRAPH_CERTIFICATE_PATH) {
      return new ClientCertificateCredential(tenantId, settings.GRAPH_CLIENT_ID, { certificatePath: settings.GRAPH_CERTIFICATE_PATH }, options);
    }
    if (settings.GRAPH_CLIENT_SECRET) return new ClientSecretCredential(tenantId, settings.GRAPH_CLIENT_ID, settings.GRAPH_CLIENT_SECRET, options);
    throw new Error('GRAPH_CLIENT_SECRET or GRAPH_CERTIFICATE_PATH is required');
  };
}

/**
 * One credential per tenant, kept for the life of the process: each credential caches its token and renews it
 * before expiry, so asking again per request costs nothing.
 */
export class PerTenantTokens implements TokenProvider {
  private readonly credentials = new Map<string, TokenCredential>();

  constructor(
    private readonly factory: CredentialFactory,
    private readonly scope: string,
  ) {}

  async getToken(tenantId: string): Promise<string> {
    let credential = this.credentials.get(tenantId);
    if (!credential) {
      credential = this.factory(tenantId);
      this.credentials.set(tenantId, credential);
    }
    let token;
    try {
      token = await credential.getToken(this.scope);
    } catch {
      // The identity error text can echo request details; the code is what the bot needs.
      throw new ServiceError('FORBIDDEN', 'Could not sign in to the customer tenant; check the app registration, its consent and the credential.', { tenantId });
    }
    if (!token) throw new ServiceError('FORBIDDEN', 'No token was issued for the customer tenant.', { tenantId });
    return token.token;
  }
}

/** Graph's scope for client credentials: the resource's .default. */
export const graphScope = (baseUrl: string): string => `${baseUrl}/.default`;
