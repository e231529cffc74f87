import { describeUserLicenseServiceContract } from '../contract/user-license-service.contract.js';
import { DAY } from '../helpers/test-clock.js';
import { CUSTOMER_ID, DOMAIN, SKU_BIG, SKU_FREE, SKU_FULL, customerFile, storedUser, tempStore, userId } from '../helpers/customer-fixture.js';

// User 1 holds the only FULL seat, user 2 has no licenses, user 3 (BIG) is spare; FREE has 10 free seats.
describeUserLicenseServiceContract('embedded store', async () => {
  const store = await tempStore([customerFile([storedUser(1, [SKU_FULL]), storedUser(2), storedUser(3, [SKU_BIG]), storedUser(4, [SKU_BIG])])]);
  return {
    service: store.directory,
    customerId: CUSTOMER_ID,
    fixture: {
      domain: DOMAIN,
      freeSkuId: SKU_FREE,
      fullSkuId: SKU_FULL,
      licensedUserId: userId(1),
      unlicensedUserId: userId(2),
      spareUserId: userId(3),
      advanceDays: (days) => store.clock.advance(days * DAY),
    },
    teardown: () => store.cleanup(),
  };
});
