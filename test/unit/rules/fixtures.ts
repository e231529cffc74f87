import type { Customer, Subscription } from '../../../src/domain/types.js';

/** Small values the rule tests share: two subscriptions and a customer with two domains. */
export const sub = (skuId: string, seatsTotal: number, seatsAssigned: number): Subscription => ({ skuId, skuPartNumber: skuId.toUpperCase(), name: `Plan ${skuId}`, seatsTotal, seatsAssigned });

export const contoso: Customer = { id: 'c1', name: 'Contoso', domains: ['contoso.com', 'Contoso.onmicrosoft.com'], defaultDomain: 'contoso.com', usageLocation: 'SE' };
