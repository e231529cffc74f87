import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { FilterSyntaxError, parseFilter } from './odata-filter.js';
import { parseSearch } from './odata-search.js';

/**
 * An in-memory Microsoft Graph v1.0 on loopback for the users/licenses/recycle-bin calls the adapter makes,
 * following the documented shapes ({value, @odata.nextLink}, {error:{code,message}}, $batch). It enforces seats on
 * assignLicense (and, like Entra, not on restore), mangles deleted users' UPNs, activates directory roles from their
 * templates and adds members by $ref, and can inject 429/503 and eventual-consistency 404s.
 */

export interface FakeUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  usageLocation: string | null;
  jobTitle: string | null;
  department: string | null;
  createdDateTime: string;
  accountEnabled: boolean;
  assignedLicenses: { skuId: string; disabledPlans: string[] }[];
  /** skuIds this user gets from a group (they also appear in assignedLicenses, like Graph). */
  groupLicenses: string[];
  password?: string;
  forceChangePasswordNextSignIn?: boolean;
  deletedDateTime: string | null;
}

export interface FakeSku {
  skuId: string;
  skuPartNumber: string;
  enabled: number;
}

export interface FakeTenant {
  users: Map<string, FakeUser>;
  deleted: Map<string, FakeUser>;
  skus: FakeSku[];
  domains: { id: string; isVerified: boolean; isDefault: boolean }[];
  /** Activated directory roles. */
  roles: FakeRole[];
  /** Every role the tenant could activate (GET /directoryRoleTemplates). */
  roleTemplates: { id: string; displayName: string }[];
}

export interface FakeRole {
  id: string;
  displayName: string;
  roleTemplateId: string;
  members: Set<string>;
}

/** Built-in role templates (ids as in Entra), all a new tenant has. */
export const ROLE_TEMPLATES: readonly { id: string; displayName: string }[] = [
  { id: '62e90394-69f5-4237-9190-012177145e10', displayName: 'Global Administrator' },
  { id: 'fe930be7-5e62-47db-91af-98c3a49a38b1', displayName: 'User Administrator' },
  { id: '729827e3-9c14-49f7-bb1b-9608f156bbb8', displayName: 'Helpdesk Administrator' },
  { id: '4d6ac14f-3453-41d0-bef9-a3e0c569773a', displayName: 'License Administrator' },
  { id: 'b0f54661-2d74-4c50-afa3-1ec803f12efe', displayName: 'Billing Administrator' },
  { id: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451', displayName: 'Global Reader' },
  { id: 'e8611ab8-c189-46e8-94e1-60213ab1f814', displayName: 'Privileged Role Administrator' },
];

export interface Fault {
  method?: string;
  /** Tested against the path after /v1.0 with its query, e.g. /users?$filter=... */
  path?: RegExp;
  status: number;
  retryAfter?: number;
  times: number;
  /** Only top-level requests (false) or only $batch items (true); both when unset. */
  inBatch?: boolean;
  body?: unknown;
}

export interface LoggedRequest {
  method: string;
  /** Path after /v1.0 with the raw query string. */
  url: string;
  headers: Record<string, string | undefined>;
  body: unknown;
  inBatch: boolean;
  status: number;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const error = (status: number, code: string, message: string, extra: Record<string, unknown> = {}): Reply => ({ status, body: { error: { code, message, ...extra } } });
const notFound = (what: string): Reply => error(404, 'Request_ResourceNotFound', `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`);

export class FakeGraphServer {
  readonly tenants = new Map<string, FakeTenant>();
  readonly log: LoggedRequest[] = [];
  readonly faults: Fault[] = [];
  /** 404s a freshly created user answers with before it "replicates". */
  newUserNotFoundCount = 0;
  /** Throttle every nth $batch item (429 with Retry-After: 0); 0 = never. */
  throttleEveryNthItem = 0;
  httpRequests = 0;
  /** Answers a whole $batch with this status (its items are not run) when it returns one; retries included. */
  batchFault: ((requests: { method: string; url: string; body?: unknown }[]) => number | undefined) | undefined;
  private itemCounter = 0;
  private readonly stale = new Map<string, number>();
  private baseUrlValue = '';

  private constructor(
    private readonly server: Server,
    private readonly now: () => Date,
  ) {}

  static async start(options: { now?: () => Date } = {}): Promise<FakeGraphServer> {
    const server = createServer();
    const fake = new FakeGraphServer(server, options.now ?? (() => new Date()));
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void fake.onRequest(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.baseUrlValue = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return fake;
  }

  get baseUrl(): string {
    return this.baseUrlValue;
  }

  static tokenFor(tenantId: string): string {
    return `fake-token:${tenantId}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  addTenant(tenantId: string, seed: { skus?: FakeSku[]; domains?: string[] } = {}): FakeTenant {
    const domains = seed.domains ?? ['contoso.onmicrosoft.com'];
    const tenant: FakeTenant = {
      users: new Map(),
      deleted: new Map(),
      skus: seed.skus ?? [],
      domains: domains.map((id, i) => ({ id, isVerified: true, isDefault: i === 0 })),
      roles: [],
      roleTemplates: ROLE_TEMPLATES.map((t) => ({ ...t })),
    };
    this.tenants.set(tenantId, tenant);
    return tenant;
  }

  addUser(tenantId: string, user: Partial<FakeUser> & { userPrincipalName: string; displayName: string }, licenses: string[] = []): FakeUser {
    const full: FakeUser = {
      id: randomUUID(),
      givenName: null,
      surname: null,
      mail: null,
      usageLocation: 'US',
      jobTitle: null,
      department: null,
      createdDateTime: this.now().toISOString(),
      accountEnabled: true,
      assignedLicenses: licenses.map((skuId) => ({ skuId, disabledPlans: [] })),
      groupLicenses: [],
      deletedDateTime: null,
      ...user,
    };
    this.tenant(tenantId).users.set(full.id, full);
    return full;
  }

  /** Moves a user to the recycle bin as Graph does (UPN prefixed with the id without dashes). */
  softDelete(tenantId: string, userId: string, at: Date = this.now()): FakeUser {
    const tenant = this.tenant(tenantId);
    const user = tenant.users.get(userId);
    if (!user) throw new Error(`no user ${userId}`);
    tenant.users.delete(userId);
    user.deletedDateTime = at.toISOString();
    user.userPrincipalName = `${user.id.replace(/-/g, '')}${user.userPrincipalName}`;
    for (const role of tenant.roles) role.members.delete(userId);
    tenant.deleted.set(user.id, user);
    return user;
  }

  /** An activated role (from the built-in template of that name, if any). */
  addRole(tenantId: string, displayName: string, memberIds: string[]): FakeRole {
    const t = this.tenant(tenantId);
    const template = t.roleTemplates.find((x) => x.displayName === displayName);
    const role = { id: randomUUID(), displayName, roleTemplateId: template?.id ?? randomUUID(), members: new Set(memberIds) };
    t.roles.push(role);
    return role;
  }

  consumed(tenantId: string, skuId: string): number {
    return [...this.tenant(tenantId).users.values()].filter((u) => u.assignedLicenses.some((l) => l.skuId === skuId)).length;
  }

  inject(fault: Fault): void {
    this.faults.push(fault);
  }

  /**
   * Every request is kept in `log`; with GRAPH_REQUEST_LOG naming a file, also appended to it as JSON lines (method,
   * url after /v1.0, body, inBatch, status), for checking against Graph's v1.0 metadata (test/graph/metadata).
   */
  private record(entry: LoggedRequest): void {
    this.log.push(entry);
    const file = process.env.GRAPH_REQUEST_LOG;
    if (file && !entry.headers['x-deliberately-invalid']) {
      appendFileSync(file, `${JSON.stringify({ method: entry.method, url: entry.url, headers: {}, body: entry.body ?? null, inBatch: entry.inBatch, status: entry.status })}\n`);
    }
  }

  /** Requests the adapter made (batch items included, flagged), optionally only those matching. */
  requests(filter: { method?: string; path?: RegExp; inBatch?: boolean } = {}): LoggedRequest[] {
    return this.log.filter(
      (r) => (!filter.method || r.method === filter.method) && (!filter.path || filter.path.test(r.url)) && (filter.inBatch === undefined || r.inBatch === filter.inBatch),
    );
  }

  tenant(tenantId: string): FakeTenant {
    const t = this.tenants.get(tenantId);
    if (!t) throw new Error(`no tenant ${tenantId}`);
    return t;
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.httpRequests++;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return this.send(res, error(400, 'BadRequest', 'Invalid JSON'));
    }
    const url = (req.url ?? '').replace(/^\/v1\.0/, '');
    const headers = {
      consistencylevel: header(req, 'consistencylevel'),
      authorization: header(req, 'authorization'),
      'content-type': header(req, 'content-type'),
      // Tests that send invalid requests on purpose (to see the fake refuse them) say so; the v1.0 check skips them.
      'x-deliberately-invalid': header(req, 'x-deliberately-invalid'),
    };
    const auth = /^Bearer fake-token:(.+)$/.exec(headers.authorization ?? '');
    const tenantId = auth?.[1];
    let reply: Reply;
    if (!req.url?.startsWith('/v1.0/')) reply = error(404, 'BadRequest', 'Unsupported version');
    else if (!tenantId || !this.tenants.has(tenantId)) reply = error(401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.');
    else if (url === '/$batch' && req.method === 'POST') reply = this.batch(tenantId, body);
    else reply = this.dispatch(tenantId, req.method ?? 'GET', url, headers, body, false);
    if (url === '/$batch') this.record({ method: req.method ?? '', url, headers, body, inBatch: false, status: reply.status });
    this.send(res, reply);
  }

  private send(res: ServerResponse, reply: Reply): void {
    const headers: Record<string, string> = { 'request-id': randomUUID(), ...reply.headers };
    if (reply.body !== undefined) headers['content-type'] ??= 'application/json';
    res.writeHead(reply.status, headers);
    res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
  }

  private batch(tenantId: string, body: unknown): Reply {
    const requests = (body as { requests?: unknown })?.requests;
    if (!Array.isArray(requests)) return error(400, 'BadRequest', 'Invalid batch payload.');
    if (requests.length > 20) return error(400, 'BadRequest', 'Too many requests in the batch; the limit is 20.');
    const faultStatus = this.batchFault?.(requests as { method: string; url: string; body?: unknown }[]);
    if (faultStatus !== undefined) return error(faultStatus, 'InternalServerError', 'Injected $batch failure.');
    const responses = requests.map((raw: { id: string; method: string; url: string; body?: unknown; headers?: Record<string, string> }) => {
      const itemHeaders = Object.fromEntries(Object.entries(raw.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
      let reply: Reply;
      if (this.throttleEveryNthItem > 0 && ++this.itemCounter % this.throttleEveryNthItem === 0) {
        reply = { ...error(429, 'TooManyRequests', 'Too many requests.'), headers: { 'Retry-After': '0' } };
        this.record({ method: raw.method, url: raw.url.startsWith('/') ? raw.url : `/${raw.url}`, headers: itemHeaders, body: raw.body, inBatch: true, status: 429 });
      } else {
        reply = this.dispatch(tenantId, raw.method, raw.url.startsWith('/') ? raw.url : `/${raw.url}`, itemHeaders, raw.body, true);
      }
      return { id: raw.id, status: reply.status, headers: reply.headers ?? {}, ...(reply.body !== undefined ? { body: reply.body } : {}) };
    });
    return { status: 200, body: { responses } };
  }

  private dispatch(tenantId: string, method: string, url: string, headers: Record<string, string | undefined>, body: unknown, inBatch: boolean): Reply {
    const fault = this.faults.find((f) => f.times > 0 && (!f.method || f.method === method) && (!f.path || f.path.test(url)) && (f.inBatch === undefined || f.inBatch === inBatch));
    let reply: Reply;
    if (fault) {
      fault.times--;
      reply = {
        status: fault.status,
        body: fault.body ?? { error: { code: fault.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable', message: 'Injected failure.' } },
        ...(fault.retryAfter !== undefined ? { headers: { 'Retry-After': String(fault.retryAfter) } } : {}),
      };
    } else {
      try {
        reply = this.route(this.tenant(tenantId), method, url, headers, body);
      } catch (e) {
        reply = e instanceof FilterSyntaxError ? error(400, 'BadRequest', `Invalid filter clause: ${e.message}`) : error(500, 'InternalServerError', String(e));
      }
    }
    this.record({ method, url, headers, body, inBatch, status: reply.status });
    return reply;
  }

  private route(t: FakeTenant, method: string, url: string, headers: Record<string, string | undefined>, body: unknown): Reply {
    const [rawPath = '', rawQuery = ''] = url.split('?', 2) as [string, string?];
    const query = new URLSearchParams(rawQuery);
    const parts = rawPath.split('/').filter(Boolean).map(decodeURIComponent);
    const key = `${method} /${parts.map((p, i) => (i === 1 && ['users', 'directoryRoles'].includes(parts[0] ?? '') ? ':key' : p)).join('/')}`;
    switch (key) {
      case 'GET /users':
        return this.collection(rawPath, query, [...t.users.values()], headers, true);
      case 'GET /users/:key' :
        if (parts[1] === '$count') return this.count([...t.users.values()], query, headers);
        break;
      case 'POST /users':
        return this.createUser(t, body);
      case 'GET /subscribedSkus':
        return { status: 200, body: { value: t.skus.map((s) => this.skuOf(t, s)) } };
      case 'GET /domains':
        return { status: 200, body: { value: t.domains } };
      case 'GET /directoryRoles':
        return { status: 200, body: { value: t.roles.map((r) => select(roleView(r), query)) } };
      case 'POST /directoryRoles':
        return this.activateRole(t, body);
      case 'GET /directoryRoleTemplates':
        return { status: 200, body: { value: t.roleTemplates.map((r) => select({ '@odata.type': '#microsoft.graph.directoryRoleTemplate', ...r }, query)) } };
      case 'POST /directoryRoles/:key/members/$ref':
        return this.addRoleMember(t, parts[1] ?? '', body);
      case 'GET /directoryRoles/:key/members': {
        const role = t.roles.find((r) => r.id === parts[1]);
        return role ? { status: 200, body: { value: [...role.members].map((id) => ({ '@odata.type': '#microsoft.graph.user', id })) } } : notFound(parts[1] ?? '');
      }
      case 'GET /directory/deletedItems/microsoft.graph.user':
        return this.collection(rawPath, query, [...t.deleted.values()], headers, false);
    }
    if (parts[0] === 'users' && parts[1]) return this.userRoute(t, method, parts[1], parts.slice(2).join('/'), query, body);
    if (parts[0] === 'directory' && parts[1] === 'deletedItems' && parts[2]) return this.deletedRoute(t, method, parts[2], parts.slice(3).join('/'), query, body);
    return error(400, 'BadRequest', `Unsupported request ${method} ${rawPath}`);
  }

  private userRoute(t: FakeTenant, method: string, key: string, rest: string, query: URLSearchParams, body: unknown): Reply {
    const user = t.users.get(key) ?? [...t.users.values()].find((u) => u.userPrincipalName.toLowerCase() === key.toLowerCase());
    if (!user) return notFound(key);
    const stale = this.stale.get(user.id) ?? 0;
    if (stale > 0) {
      this.stale.set(user.id, stale - 1);
      return notFound(key);
    }
    switch (`${method} ${rest}`) {
      case 'GET ':
        return { status: 200, body: select(this.view(user), query) };
      case 'PATCH ':
        return this.patchUser(user, body);
      case 'DELETE ':
        this.softDeleteIn(t, user);
        return { status: 204 };
      case 'POST assignLicense':
        return this.assignLicense(t, user, body);
      case 'GET memberOf/microsoft.graph.directoryRole':
        return { status: 200, body: { value: t.roles.filter((r) => r.members.has(user.id)).map((r) => select(roleView(r), query)) } };
    }
    return error(400, 'BadRequest', `Unsupported user request ${method} ${rest}`);
  }

  private deletedRoute(t: FakeTenant, method: string, id: string, rest: string, query: URLSearchParams, body: unknown): Reply {
    const user = t.deleted.get(id);
    if (!user) return notFound(id);
    if (method === 'GET' && rest === '') {
      // A deletedItems entry is a directoryObject: v1.0 refuses user properties without the cast segment.
      const wanted = (query.get('$select') ?? '').split(',').filter(Boolean);
      const bad = wanted.find((p) => !['id', 'deletedDateTime'].includes(p));
      if (bad) return error(400, 'BadRequest', `Could not find a property named '${bad}' on type 'microsoft.graph.directoryObject'.`);
      return { status: 200, body: { '@odata.type': '#microsoft.graph.user', ...select({ id: user.id, deletedDateTime: user.deletedDateTime }, query) } };
    }
    if (method === 'GET' && rest === 'microsoft.graph.user') return { status: 200, body: { '@odata.type': '#microsoft.graph.user', ...select(this.view(user), query) } };
    if (method === 'DELETE' && rest === '') {
      t.deleted.delete(id);
      return { status: 204 };
    }
    if (method === 'POST' && rest === 'restore') {
      // v1.0: "Do not supply a request body for this method" (newUserPrincipalName is beta only).
      if (body !== undefined) return error(400, 'BadRequest', "The action 'restore' does not take parameters in v1.0; 'newUserPrincipalName' is not a parameter.");
      const wanted = user.userPrincipalName.slice(user.id.replace(/-/g, '').length);
      if ([...t.users.values()].some((u) => u.userPrincipalName.toLowerCase() === wanted.toLowerCase())) {
        return error(400, 'Request_BadRequest', 'Another object with the same value for property userPrincipalName already exists.', { details: [{ code: 'ObjectConflict', target: 'userPrincipalName' }] });
      }
      t.deleted.delete(id);
      // Like Entra: licenses come back as they were, seats or not.
      Object.assign(user, { userPrincipalName: wanted, deletedDateTime: null });
      t.users.set(user.id, user);
      return { status: 200, body: { '@odata.type': '#microsoft.graph.user', ...this.view(user) } };
    }
    return error(400, 'BadRequest', `Unsupported deletedItems request ${method} ${rest}`);
  }

  /**
   * A /users-like collection with Graph's rules for directory objects (learn: user-list, aad-advanced-queries,
   * paging): $top 1..999, no $skip; "advanced" = ConsistencyLevel: eventual (plus $count=true except for $search);
   * $count=true without the header is ignored, not refused; $search, $count inside $filter, ne/not and $filter with
   * $orderby need advanced; $orderby only ascending on displayName or userPrincipalName. @odata.count is on the
   * first page only; nextLinks carry every parameter plus an opaque $skiptoken.
   */
  private collection(path: string, query: URLSearchParams, all: FakeUser[], headers: Record<string, string | undefined>, live: boolean): Reply {
    const checked = this.checkQuery(query, headers);
    if ('status' in checked) return checked;
    const { filter, search, advanced } = checked;
    if ((filter || search) && !live) return error(400, 'Request_UnsupportedQuery', 'Filter not supported here by the fake.');
    const top = Number(query.get('$top') ?? '100');
    let matches = all.map((u) => this.view(u)).filter((u) => (!filter || filter.matches(u)) && (!search || search(u)));
    const orderBy = query.get('$orderby');
    if (orderBy) matches = [...matches].sort((a, b) => String(a[orderBy] ?? '').localeCompare(String(b[orderBy] ?? ''), 'en', { sensitivity: 'base', numeric: true }) || String(a.id).localeCompare(String(b.id)));
    const token = query.get('$skiptoken');
    const offset = token === null ? 0 : skipTokenOffset(token);
    if (offset === undefined) return error(400, 'Request_BadRequest', 'Invalid $skiptoken.');
    const page = matches.slice(offset, offset + top).map((u) => select(u, query));
    const body: Record<string, unknown> = { '@odata.context': `${this.baseUrl}/v1.0/$metadata#users`, value: page };
    if (advanced && query.get('$count') === 'true' && token === null) body['@odata.count'] = matches.length;
    if (offset + top < matches.length) {
      const next = new URLSearchParams(query);
      next.set('$skiptoken', skipTokenFor(offset + top));
      body['@odata.nextLink'] = `${this.baseUrl}/v1.0${path}?${next.toString()}`;
    }
    return { status: 200, body };
  }

  /** GET /users/$count: text/plain, advanced only. */
  private count(all: FakeUser[], query: URLSearchParams, headers: Record<string, string | undefined>): Reply {
    if (headers.consistencylevel !== 'eventual') return error(400, 'Request_BadRequest', '$count is not currently supported.');
    const checked = this.checkQuery(query, headers);
    if ('status' in checked) return checked;
    const n = all.map((u) => this.view(u)).filter((u) => (!checked.filter || checked.filter.matches(u)) && (!checked.search || checked.search(u))).length;
    return { status: 200, body: n, headers: { 'content-type': 'text/plain' } };
  }

  private checkQuery(query: URLSearchParams, headers: Record<string, string | undefined>): Reply | { filter?: ReturnType<typeof parseFilter>; search?: (u: Record<string, unknown>) => boolean; advanced: boolean } {
    const eventual = headers.consistencylevel === 'eventual';
    const counted = query.get('$count') === 'true';
    for (const key of query.keys()) {
      if (key.startsWith('$') && !['$select', '$filter', '$search', '$orderby', '$top', '$count', '$skiptoken'].includes(key)) {
        return error(400, 'Request_BadRequest', `Query option '${key}' is not allowed. '$skip' is not supported on directory objects.`);
      }
    }
    const topText = query.get('$top');
    if (topText !== null && !/^\d+$/.test(topText)) return error(400, 'Request_BadRequest', `Invalid $top value '${topText}'.`);
    if (topText !== null && (Number(topText) < 1 || Number(topText) > 999)) return error(400, 'Request_UnsupportedQuery', `Invalid page size specified: '${topText}'. Must be between 1 and 999 inclusive.`);
    const searchText = query.get('$search');
    if (searchText !== null && !eventual) {
      return error(400, 'Request_UnsupportedQuery', "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
    }
    const filterText = query.get('$filter');
    const filter = filterText ? parseFilter(filterText) : undefined;
    const search = searchText !== null ? parseSearch(searchText) : undefined;
    const advanced = eventual && (counted || search !== undefined);
    if (filter?.usesCount && !advanced) return error(400, 'Request_UnsupportedQuery', 'Unsupported query: $count in a filter needs ConsistencyLevel: eventual and $count=true.');
    if (filter?.usesNegation && !advanced) return error(400, 'Request_UnsupportedQuery', "Unsupported query: 'ne' and 'not' need ConsistencyLevel: eventual and $count=true.");
    const orderBy = query.get('$orderby');
    if (orderBy !== null) {
      if (!['displayName', 'userPrincipalName'].includes(orderBy)) return error(400, 'Request_UnsupportedQuery', 'Sorting not supported for current query.');
      if (filter && !advanced) return error(400, 'Request_UnsupportedQuery', 'Sorting not supported for current query.');
    }
    return { ...(filter ? { filter } : {}), ...(search ? { search } : {}), advanced };
  }

  private createUser(t: FakeTenant, body: unknown): Reply {
    const b = (body ?? {}) as Record<string, unknown>;
    const profile = b.passwordProfile as { password?: string; forceChangePasswordNextSignIn?: boolean } | undefined;
    for (const field of ['accountEnabled', 'displayName', 'mailNickname', 'userPrincipalName']) {
      if (b[field] === undefined) return error(400, 'Request_BadRequest', `Invalid value specified for property '${field}' of resource 'User'.`);
    }
    if (!profile?.password) return error(400, 'Request_BadRequest', "Invalid value specified for property 'passwordProfile' of resource 'User'.");
    if (/[^A-Za-z0-9._-]/.test(String(b.mailNickname))) return error(400, 'Request_BadRequest', "Invalid value specified for property 'mailNickname' of resource 'User'.");
    const upn = String(b.userPrincipalName);
    if ([...t.users.values()].some((u) => u.userPrincipalName.toLowerCase() === upn.toLowerCase())) {
      return error(400, 'Request_BadRequest', 'Another object with the same value for property userPrincipalName already exists.', { details: [{ code: 'ObjectConflict', target: 'userPrincipalName' }] });
    }
    const user: FakeUser = {
      id: randomUUID(),
      userPrincipalName: upn,
      displayName: String(b.displayName),
      givenName: (b.givenName as string) ?? null,
      surname: (b.surname as string) ?? null,
      mail: null,
      usageLocation: (b.usageLocation as string) ?? null,
      jobTitle: (b.jobTitle as string) ?? null,
      department: (b.department as string) ?? null,
      createdDateTime: this.now().toISOString(),
      accountEnabled: Boolean(b.accountEnabled),
      assignedLicenses: [],
      groupLicenses: [],
      password: profile.password,
      forceChangePasswordNextSignIn: profile.forceChangePasswordNextSignIn ?? false,
      deletedDateTime: null,
    };
    t.users.set(user.id, user);
    if (this.newUserNotFoundCount > 0) this.stale.set(user.id, this.newUserNotFoundCount);
    const { password: _password, ...visible } = this.view(user);
    return { status: 201, body: visible };
  }

  private activateRole(t: FakeTenant, body: unknown): Reply {
    const templateId = String((body as { roleTemplateId?: unknown } | undefined)?.roleTemplateId ?? '');
    const template = t.roleTemplates.find((x) => x.id === templateId);
    if (!template) return notFound(templateId);
    if (t.roles.some((r) => r.roleTemplateId === templateId)) {
      return error(400, 'Request_BadRequest', 'A conflicting object with one or more of the specified property values is present in the directory.');
    }
    const role: FakeRole = { id: randomUUID(), displayName: template.displayName, roleTemplateId: template.id, members: new Set() };
    t.roles.push(role);
    return { status: 201, body: roleView(role) };
  }

  /** Like Graph: @odata.id must be the absolute URL of a directory object; a just-created user may not be there yet. */
  private addRoleMember(t: FakeTenant, roleId: string, body: unknown): Reply {
    const role = t.roles.find((r) => r.id === roleId);
    if (!role) return notFound(roleId);
    const ref = String((body as Record<string, unknown> | undefined)?.['@odata.id'] ?? '');
    const prefix = `${this.baseUrl}/v1.0/directoryObjects/`;
    if (!ref.startsWith(prefix)) return error(400, 'Request_BadRequest', 'Invalid object identifier.');
    const userId = ref.slice(prefix.length);
    const user = t.users.get(userId);
    const stale = this.stale.get(userId) ?? 0;
    if (!user || stale > 0) {
      if (stale > 0) this.stale.set(userId, stale - 1);
      return notFound(userId);
    }
    if (role.members.has(userId)) {
      return error(400, 'Request_BadRequest', "One or more added object references already exist for the following modified properties: 'members'.");
    }
    role.members.add(userId);
    return { status: 204 };
  }

  private patchUser(user: FakeUser, body: unknown): Reply {
    const b = (body ?? {}) as Record<string, unknown>;
    if (b.passwordProfile) {
      const p = b.passwordProfile as { password?: string; forceChangePasswordNextSignIn?: boolean };
      if (!p.password) return error(400, 'Request_BadRequest', "Invalid value specified for property 'passwordProfile'.");
      user.password = p.password;
      user.forceChangePasswordNextSignIn = p.forceChangePasswordNextSignIn ?? false;
    }
    if ('usageLocation' in b) user.usageLocation = (b.usageLocation as string) ?? null;
    if (typeof b.userPrincipalName === 'string') {
      const upn = b.userPrincipalName;
      const t = [...this.tenants.values()].find((x) => x.users.get(user.id) === user);
      if (t && [...t.users.values()].some((u) => u !== user && u.userPrincipalName.toLowerCase() === upn.toLowerCase())) {
        return error(400, 'Request_BadRequest', 'Another object with the same value for property userPrincipalName already exists.', { details: [{ code: 'ObjectConflict', target: 'userPrincipalName' }] });
      }
      user.userPrincipalName = upn;
    }
    for (const field of ['displayName', 'jobTitle', 'department'] as const) if (typeof b[field] === 'string') user[field] = b[field];
    return { status: 204 };
  }

  private assignLicense(t: FakeTenant, user: FakeUser, body: unknown): Reply {
    const b = (body ?? {}) as { addLicenses?: { skuId: string; disabledPlans?: string[] }[]; removeLicenses?: string[] };
    if (!Array.isArray(b.addLicenses) || !Array.isArray(b.removeLicenses)) return error(400, 'Request_BadRequest', 'addLicenses and removeLicenses are required.');
    for (const sku of [...b.addLicenses.map((l) => l.skuId), ...b.removeLicenses]) {
      if (!t.skus.some((s) => s.skuId === sku)) return error(400, 'Request_BadRequest', `License ${sku} does not correspond to a valid company License.`);
    }
    if (b.addLicenses.length > 0 && !user.usageLocation) return error(400, 'Request_BadRequest', 'License assignment cannot be done for user with invalid usage location.');
    if (b.removeLicenses.some((s) => user.groupLicenses.includes(s))) {
      return error(400, 'Request_BadRequest', 'User license is inherited from a group membership and it cannot be removed directly from the user.');
    }
    for (const add of b.addLicenses) {
      const sku = t.skus.find((s) => s.skuId === add.skuId) as FakeSku;
      const has = user.assignedLicenses.some((l) => l.skuId === add.skuId);
      if (!has && this.consumedIn(t, add.skuId) + 1 > sku.enabled) {
        return error(400, 'Request_BadRequest', `Subscription with SKU ${add.skuId} does not have any available licenses.`);
      }
    }
    user.assignedLicenses = user.assignedLicenses.filter((l) => !(b.removeLicenses as string[]).includes(l.skuId));
    for (const add of b.addLicenses) if (!user.assignedLicenses.some((l) => l.skuId === add.skuId)) user.assignedLicenses.push({ skuId: add.skuId, disabledPlans: add.disabledPlans ?? [] });
    return { status: 200, body: this.view(user) };
  }

  private softDeleteIn(t: FakeTenant, user: FakeUser): void {
    const tenantId = [...this.tenants.entries()].find(([, v]) => v === t)?.[0] as string;
    this.softDelete(tenantId, user.id);
  }

  private consumedIn(t: FakeTenant, skuId: string): number {
    return [...t.users.values()].filter((u) => u.assignedLicenses.some((l) => l.skuId === skuId)).length;
  }

  private skuOf(t: FakeTenant, s: FakeSku): Record<string, unknown> {
    return {
      skuId: s.skuId,
      skuPartNumber: s.skuPartNumber,
      appliesTo: 'User',
      capabilityStatus: 'Enabled',
      consumedUnits: this.consumedIn(t, s.skuId),
      prepaidUnits: { enabled: s.enabled, suspended: 0, warning: 0, lockedOut: 0 },
    };
  }

  /** The user as Graph shows it (no password, license states derived). */
  private view(user: FakeUser): Record<string, unknown> {
    const { password: _password, forceChangePasswordNextSignIn: _force, groupLicenses, ...rest } = user;
    return {
      ...rest,
      licenseAssignmentStates: user.assignedLicenses.map((l) => ({
        skuId: l.skuId,
        assignedByGroup: groupLicenses.includes(l.skuId) ? '00000000-0000-0000-0000-00000000abcd' : null,
        state: 'Active',
      })),
    };
  }
}

const roleView = (r: FakeRole): Record<string, unknown> => ({ '@odata.type': '#microsoft.graph.directoryRole', id: r.id, displayName: r.displayName, roleTemplateId: r.roleTemplateId });

function select(obj: Record<string, unknown>, query: URLSearchParams): Record<string, unknown> {
  const fields = query.get('$select');
  if (!fields) return obj;
  const wanted = new Set(['id', ...fields.split(',')]);
  return Object.fromEntries(Object.entries(obj).filter(([k]) => wanted.has(k)));
}

/** Opaque-looking skip tokens, like Graph's (which must never be built by a client). */
const skipTokenFor = (offset: number): string => `RFNwdAIA${Buffer.from(`o:${offset}`).toString('base64url')}`;
function skipTokenOffset(token: string): number | undefined {
  if (!token.startsWith('RFNwdAIA')) return undefined;
  const m = /^o:(\d+)$/.exec(Buffer.from(token.slice(8), 'base64url').toString('utf8'));
  return m ? Number(m[1]) : undefined;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
