-- The bot's own state (issue 15). Records are stored whole in a jsonb `doc` (validated by the zod schemas of
-- src/ports/state/records.ts on the way out), so they round-trip exactly; the typed columns beside it are what
-- queries, constraints and compare-and-set statements use, and are written together with the doc.

-- operators ---------------------------------------------------------------------------------------------------------
CREATE TABLE grants (
  id bigserial PRIMARY KEY,
  -- operatorId(): lower-case "tenant/object id"; every role check compares both.
  operator_id text NOT NULL,
  role text NOT NULL,
  -- Sorted customer ids joined by ',' or '*' for every customer: makes "identical grant" a unique key.
  customers_key text NOT NULL,
  doc jsonb NOT NULL,
  UNIQUE (operator_id, role, customers_key)
);

CREATE TABLE owner_tenants (
  object_id text PRIMARY KEY,
  tenant_id text NOT NULL,
  bound_at timestamptz NOT NULL
);

CREATE TABLE operator_names (
  operator_id text PRIMARY KEY,
  name text NOT NULL,
  seen_at timestamptz NOT NULL
);

-- conversations -----------------------------------------------------------------------------------------------------
CREATE TABLE conversation_customers (
  conversation_id text PRIMARY KEY,
  customer_id text NOT NULL
);

CREATE TABLE personal_chats (
  operator_id text PRIMARY KEY,
  tenant_id text NOT NULL,
  aad_object_id text NOT NULL,
  address jsonb NOT NULL
);

CREATE TABLE approval_channels (
  -- '*' for the channel of every customer without one of its own (a NULL would not be unique).
  customer_key text PRIMARY KEY,
  conversation_id text NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX approval_channels_conversation ON approval_channels (conversation_id);

-- confirmations and approvals ----------------------------------------------------------------------------------------
CREATE TABLE confirmations (
  id text PRIMARY KEY,
  kind text NOT NULL,
  operator_id text NOT NULL,
  expires_at timestamptz NOT NULL,
  -- Single use: set once by a conditional UPDATE ... WHERE used_at IS NULL.
  used_at timestamptz,
  doc jsonb NOT NULL
);
CREATE INDEX confirmations_expires ON confirmations (expires_at);

CREATE TABLE approvals (
  id text PRIMARY KEY,
  -- Decided once: transitions are UPDATE ... WHERE state = <expected>.
  state text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX approvals_pending ON approvals (expires_at) WHERE state = 'pending';
CREATE INDEX approvals_created ON approvals (created_at DESC, id DESC);

-- scheduled work ------------------------------------------------------------------------------------------------------
CREATE TABLE scheduled_items (
  id text PRIMARY KEY,
  kind text NOT NULL,
  key text NOT NULL,
  due_at timestamptz NOT NULL,
  payload jsonb NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  -- Claimed by an instance until then; NULL or past: claimable (its instance may have died).
  lease_until timestamptz,
  UNIQUE (kind, key)
);
CREATE INDEX scheduled_items_due ON scheduled_items (due_at);

-- audit ----------------------------------------------------------------------------------------------------------------
-- Append-only: the code never updates or deletes a row; id gives the order entries were appended in.
CREATE TABLE audit_entries (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id text NOT NULL,
  action text NOT NULL,
  target text NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX audit_entries_actor ON audit_entries (actor_id, id);
CREATE INDEX audit_entries_action ON audit_entries (action, id);

-- imports ---------------------------------------------------------------------------------------------------------------
CREATE TABLE import_jobs (
  id text PRIMARY KEY,
  customer_id text NOT NULL,
  status text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  doc jsonb NOT NULL,
  -- User names (never passwords) whose temporary password was never shown.
  unshown jsonb NOT NULL DEFAULT '[]',
  -- The instance running it, until lease_until; another takes it over once that has passed.
  lease_owner text,
  lease_until timestamptz
);
CREATE INDEX import_jobs_customer ON import_jobs (customer_id, created_at DESC);
CREATE INDEX import_jobs_running ON import_jobs (status) WHERE status IN ('running', 'review');

-- Personal data: written once, deleted when the import ends (kept apart so the per-batch job update stays small).
CREATE TABLE import_rows (
  job_id text PRIMARY KEY REFERENCES import_jobs (id) ON DELETE CASCADE,
  rows jsonb NOT NULL
);

-- Graph deletion records, rate limits, activity de-duplication ------------------------------------------------------------
CREATE TABLE deletion_records (
  tenant_id text NOT NULL,
  user_id text NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (tenant_id, user_id)
);

CREATE TABLE rate_limits (
  key text PRIMARY KEY,
  -- Epoch milliseconds of the attempts counted in the current window (an exact sliding log, as the file store).
  attempts bigint[] NOT NULL,
  -- Whether the last take() counted: written by the same statement, so it can be returned with it.
  allowed boolean NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE seen_activities (
  id text PRIMARY KEY,
  seen_at timestamptz NOT NULL
);
CREATE INDEX seen_activities_at ON seen_activities (seen_at);

-- `npm run migrate-state -- --from-files`: one row once a file state was copied in (the copy runs once).
CREATE TABLE state_imports (
  source text PRIMARY KEY,
  imported_at timestamptz NOT NULL,
  counts jsonb NOT NULL
);
