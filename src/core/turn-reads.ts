import type { UserLicenseService } from '../ports/directory.js';
import type { Subscription, User } from '../domain/types.js';

/**
 * The directory as one turn sees it: the subscriptions and users it reads are read once per turn (a command resolves
 * a SKU, checks permissions, previews and runs, each asking again; on Graph every ask is a request). Any change made
 * through it forgets them, so nothing read before a change is shown after it. Seat checks inside a change read
 * fresh in the directory itself.
 */
export function turnReads(service: UserLicenseService): UserLicenseService {
  const subscriptions = new Map<string, Promise<Subscription[]>>();
  const users = new Map<string, Promise<User>>();
  const remember = <T>(map: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> => {
    const hit = map.get(key);
    if (hit) return hit;
    const value = read();
    map.set(key, value);
    value.catch(() => map.get(key) === value && map.delete(key));
    return value;
  };
  const changing = <A extends unknown[], R>(run: (...args: A) => Promise<R>) => (...args: A): Promise<R> => {
    subscriptions.clear();
    users.clear();
    return run(...args).finally(() => {
      subscriptions.clear();
      users.clear();
    });
  };
  const userKey = (customerId: string, idOrUpn: string) => `${customerId}\u0000${idOrUpn.trim().toLowerCase()}`;
  return {
    listCustomers: () => service.listCustomers(),
    getCustomer: (customerId) => service.getCustomer(customerId),
    listUsers: (customerId, filter, page) => service.listUsers(customerId, filter, page),
    getUser: (customerId, idOrUpn) =>
      remember(users, userKey(customerId, idOrUpn), async () => {
        const user = await service.getUser(customerId, idOrUpn);
        if (!users.has(userKey(customerId, user.id))) users.set(userKey(customerId, user.id), Promise.resolve(user));
        return user;
      }),
    upnsInUse: (customerId, upns) => service.upnsInUse(customerId, upns),
    listSubscriptions: (customerId) => remember(subscriptions, customerId, () => service.listSubscriptions(customerId)),
    createUsers: changing((customerId, list, ctx, options) => service.createUsers(customerId, list, ctx, options)),
    resetPassword: changing((customerId, userId, ctx) => service.resetPassword(customerId, userId, ctx)),
    changeLicenses: changing((customerId, request, ctx, options) => service.changeLicenses(customerId, request, ctx, options)),
    deleteUsers: changing((customerId, userIds, ctx) => service.deleteUsers(customerId, userIds, ctx)),
    listDeletedUsers: (customerId, page) => service.listDeletedUsers(customerId, page),
    getDeletedUser: (customerId, idOrUpn) => service.getDeletedUser(customerId, idOrUpn),
    restoreUsers: changing((customerId, requests, ctx) => service.restoreUsers(customerId, requests, ctx)),
    purgeExpired: changing((customerId) => service.purgeExpired(customerId)),
  };
}
