import assert from 'node:assert/strict';
import type { ServiceError } from '../../src/domain/errors.js';
import type { NewUserInput } from '../../src/domain/types.js';
import { ACTOR, SKU_BASIC, TENANT, startHarness, type Harness } from './harness.js';

const input = (given: string, adminRoles: string[], licenses: string[] = [SKU_BASIC]): NewUserInput => ({
  givenName: given,
  surname: 'Admin',
  displayName: `${given} Admin`,
  upn: `${given.toLowerCase()}.admin@contoso.com`,
  licenses,
  adminRoles,
});

const forbiddenBody = { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } };

describe('Graph directory: admin roles at creation', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.teardown());

  const upns = (): string[] => [...h.fake.tenant(TENANT).users.values()].map((u) => u.userPrincipalName);
  const roleNamed = (name: string) => h.fake.tenant(TENANT).roles.find((r) => r.displayName === name);

  it('adds the new user to an activated role by members/$ref; the user and getUser show it', async () => {
    const [outcome] = await h.directory.createUsers(TENANT, [input('Gina', ['Global Administrator'])], ACTOR, { atomic: true });
    assert.equal(outcome?.status, 'created');
    if (outcome?.status !== 'created') return;
    assert.deepEqual(outcome.user.adminRoles, ['Global Administrator']);
    assert.ok(roleNamed('Global Administrator')?.members.has(outcome.user.id));
    const [ref] = h.fake.requests({ method: 'POST', path: /^\/directoryRoles\/[^/]+\/members\/\$ref$/ });
    assert.deepEqual(ref?.body, { '@odata.id': `${h.fake.baseUrl}/v1.0/directoryObjects/${outcome.user.id}` });
    assert.equal(h.fake.requests({ method: 'POST', path: /^\/directoryRoles$/ }).length, 0, 'already active: not activated again');
    assert.deepEqual((await h.directory.getUser(TENANT, outcome.user.id)).adminRoles, ['Global Administrator']);
    assert.deepEqual(outcome.user.licenses, [SKU_BASIC]);
  });

  it('activates a role from its template first when the tenant has not used it yet', async () => {
    assert.equal(roleNamed('Helpdesk Administrator'), undefined);
    const [outcome] = await h.directory.createUsers(TENANT, [input('Hedda', ['Helpdesk Administrator'], [])], ACTOR, { atomic: true });
    assert.equal(outcome?.status, 'created');
    if (outcome?.status !== 'created') return;
    const [activation] = h.fake.requests({ method: 'POST', path: /^\/directoryRoles$/ });
    assert.deepEqual(activation?.body, { roleTemplateId: '729827e3-9c14-49f7-bb1b-9608f156bbb8' });
    assert.ok(roleNamed('Helpdesk Administrator')?.members.has(outcome.user.id));
    const listed = await h.directory.listUsers(TENANT, { kind: 'text', text: 'Hedda' }, { top: 10 });
    assert.deepEqual(listed.items[0]?.adminRoles, ['Helpdesk Administrator']);
  });

  it('finds a role Graph still shows under its old name by its template id', async () => {
    (roleNamed('Global Administrator') as { displayName: string }).displayName = 'Company Administrator';
    const [outcome] = await h.directory.createUsers(TENANT, [input('Olle', ['Global Administrator'])], ACTOR, { atomic: true });
    assert.equal(outcome?.status, 'created');
    if (outcome?.status !== 'created') return;
    assert.deepEqual(outcome.user.adminRoles, ['Global Administrator']);
    assert.ok(roleNamed('Company Administrator')?.members.has(outcome.user.id));
    assert.equal(h.fake.tenant(TENANT).roles.length, 1, 'no second Global Administrator role activated');
  });

  it('an unknown role name is INVALID_INPUT and nothing is created', async () => {
    const before = upns().length;
    await assert.rejects(h.directory.createUsers(TENANT, [input('Ulla', ['Chief Wizard'])], ACTOR, { atomic: true }), (e: ServiceError) => {
      assert.equal(e.code, 'INVALID_INPUT');
      assert.match(e.message, /Chief Wizard/);
      return true;
    });
    assert.equal(upns().length, before);
    assert.equal(h.fake.requests({ method: 'POST', path: /^\/(users|directoryRoles)/ }).length, 0);
  });

  it('a 403 on the role call undoes the new user (deleted and purged) and says which permission is missing', async () => {
    h.fake.inject({ method: 'POST', path: /members\/\$ref/, status: 403, times: 1, body: forbiddenBody });
    await assert.rejects(h.directory.createUsers(TENANT, [input('Frida', ['Global Administrator'])], ACTOR, { atomic: true }), (e: ServiceError) => {
      assert.equal(e.code, 'FORBIDDEN');
      assert.match(e.message, /RoleManagement\.ReadWrite\.Directory/);
      return true;
    });
    assert.ok(!upns().includes('frida.admin@contoso.com'));
    assert.equal(h.fake.tenant(TENANT).deleted.size, 0, 'purged, so the name is free again');
    assert.equal(h.fake.consumed(TENANT, SKU_BASIC), 4, 'its license seat is free again');
    assert.equal(roleNamed('Global Administrator')?.members.size, 1);
  });

  it('a 403 on activating the role undoes the new user too', async () => {
    h.fake.inject({ method: 'POST', path: /^\/directoryRoles$/, status: 403, times: 1, body: forbiddenBody });
    await assert.rejects(h.directory.createUsers(TENANT, [input('Lina', ['License Administrator'])], ACTOR, { atomic: true }), (e: ServiceError) => e.code === 'FORBIDDEN');
    assert.ok(!upns().includes('lina.admin@contoso.com'));
    assert.equal(roleNamed('License Administrator'), undefined);
  });

  it('roles that cannot even be read are FORBIDDEN before anything is created', async () => {
    h.fake.inject({ method: 'GET', path: /^\/directoryRoles/, status: 403, times: 1, body: forbiddenBody });
    await assert.rejects(h.directory.createUsers(TENANT, [input('Rita', ['User Administrator'])], ACTOR, { atomic: true }), (e: ServiceError) => {
      assert.equal(e.code, 'FORBIDDEN');
      assert.match(e.message, /RoleManagement\.ReadWrite\.Directory/);
      return true;
    });
    assert.equal(h.fake.requests({ method: 'POST', path: /^\/(users|directoryRoles)/ }).length, 0);
  });

  it('import rows: a role refused for one row removes only that user', async () => {
    h.fake.inject({ method: 'POST', path: /members\/\$ref/, status: 403, times: 1, body: forbiddenBody });
    const outcomes = await h.directory.createUsers(TENANT, [input('Ada', ['Global Reader']), input('Bo', [])], ACTOR, { atomic: false });
    assert.deepEqual(outcomes.map((o) => (o.status === 'failed' ? o.code : o.status)), ['FORBIDDEN', 'created']);
    assert.ok(!upns().includes('ada.admin@contoso.com'));
    assert.ok(upns().includes('bo.admin@contoso.com'));
  });

  it('retries the replication 404 of the just-created user on members/$ref', async () => {
    h.fake.newUserNotFoundCount = 2;
    const [outcome] = await h.directory.createUsers(TENANT, [input('Nils', ['User Administrator'], [])], ACTOR, { atomic: true });
    assert.equal(outcome?.status, 'created');
    if (outcome?.status !== 'created') return;
    assert.ok(roleNamed('User Administrator')?.members.has(outcome.user.id));
    assert.equal(h.fake.requests({ path: /members\/\$ref/ }).filter((r) => r.status === 404).length, 2);
  });
});
