import { describeUserLicenseServiceContract } from '../contract/user-license-service.contract.js';
import { SKU_E3, SKU_POWERBI, TENANT, startHarness } from './harness.js';

// The standard fake tenant: Power BI has 5 free seats, E3 none (held by Alice), Dave has no licenses, Bob is spare.
describeUserLicenseServiceContract('Microsoft Graph (fake server)', async () => {
  const h = await startHarness();
  return {
    service: h.directory,
    customerId: TENANT,
    fixture: {
      domain: 'contoso.com',
      freeSkuId: SKU_POWERBI,
      fullSkuId: SKU_E3,
      licensedUserId: h.ids.alice,
      unlicensedUserId: h.ids.dave,
      spareUserId: h.ids.bob,
      advanceDays: (days) => h.clock.advanceDays(days),
    },
    teardown: () => h.teardown(),
  };
});
