-- The hub's first schema: sites and kiosks, accounts, the records kiosks push, erasures, and the
-- aggregates the dashboard reads. Plain SQL that PostgreSQL 15 and PGlite (18) both accept.

create table hub_settings (
  key text primary key,
  value text not null
);

-- A commune (its one-stop counter and cultural houses) or a booth under a commune.
create table sites (
  id uuid primary key,
  kind text not null check (kind in ('xa', 'diem')),
  province_code char(2) not null,
  commune_code char(5) not null,
  name text not null,
  parent_id uuid references sites (id),
  created_at timestamptz not null,
  created_by uuid
);
create index sites_commune on sites (commune_code);

create table accounts (
  id uuid primary key,
  username text not null unique,
  display_name text not null,
  role text not null check (role in ('province-viewer', 'commune-admin', 'hub-admin')),
  province_code char(2),
  commune_code char(5),
  password_hash jsonb not null,
  must_change boolean not null default false,
  failures int not null default 0,
  locks int not null default 0,
  locked_until timestamptz,
  disabled boolean not null default false,
  created_at timestamptz not null,
  last_sign_in timestamptz
);

create table web_sessions (
  token_hash char(64) primary key,
  account_id uuid not null references accounts (id) on delete cascade,
  created_at timestamptz not null,
  last_seen timestamptz not null
);
create index web_sessions_account on web_sessions (account_id);

-- One-time enrolment codes: only a key derived from the code is kept (scrypt), looked up by a tag.
create table enrolment_codes (
  id uuid primary key,
  site_id uuid not null references sites (id),
  lookup char(32) not null unique,
  code_key char(64) not null,
  created_by uuid,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  used_by uuid
);

create table kiosks (
  id uuid primary key,
  site_id uuid not null references sites (id),
  name text not null,
  secret_hash char(64) not null,
  enrolled_at timestamptz not null,
  revoked_at timestamptz,
  revoked_by uuid,
  last_seen_at timestamptz,
  last_sync_at timestamptz,
  app_version text,
  waiting int not null default 0,
  clock_skew_ms bigint
);
create index kiosks_site on kiosks (site_id);

create sequence change_seq;

create table households (
  id uuid primary key,
  id_hash text not null,
  province_code char(2) not null,
  commune_code char(5) not null,
  hamlet text not null,
  hamlet_key text not null,
  head_name text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  kiosk_id uuid,
  change_seq bigint not null default nextval('change_seq')
);
-- Erasures find a record by the hash of its id; a hash index is smallest and cheapest to keep for that.
create index households_id_hash on households using hash (id_hash);
create index households_commune on households (commune_code, hamlet_key);
create index households_change on households (commune_code, change_seq);

create table people (
  id uuid primary key,
  id_hash text not null,
  household_id uuid not null references households (id) on delete cascade,
  full_name text not null,
  birth_year smallint not null,
  gender text,
  phone text,
  skills char(5) not null,
  achievements smallint not null,
  consent_version text not null,
  consent_at timestamptz not null,
  consent_method text not null,
  consent_staff text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  kiosk_id uuid,
  change_seq bigint not null default nextval('change_seq')
);
create index people_id_hash on people using hash (id_hash);
create index people_household on people (household_id);

create table sessions (
  id uuid primary key,
  person_id uuid not null references people (id) on delete cascade,
  staff_id text not null,
  site_name text not null,
  campaign text,
  -- Kept as sent, never queried at the hub: json, not jsonb, costs nothing to store.
  demos json not null,
  cards_printed json not null,
  started_at timestamptz not null,
  ended_at timestamptz,
  state text not null,
  updated_at timestamptz not null,
  kiosk_id uuid
);
create index sessions_person on sessions (person_id);

-- Erased anywhere, erased everywhere: only the hash of the id is kept, never a name.
create table erasures (
  id_hash char(64) primary key,
  kind text not null check (kind in ('person', 'household')),
  at timestamptz not null,
  staff_id text not null,
  reason text not null,
  commune_code char(5),
  kiosk_id uuid,
  account_id uuid,
  received_at timestamptz not null,
  change_seq bigint not null default nextval('change_seq')
);
create index erasures_commune on erasures (commune_code, change_seq);

-- Batches already applied, so a batch sent again is acknowledged without being applied twice.
create table batches (
  kiosk_id uuid not null,
  batch_id uuid not null,
  received_at timestamptz not null,
  ack jsonb not null,
  primary key (kiosk_id, batch_id)
);

create table audit_log (
  id bigserial primary key,
  at timestamptz not null,
  account_id uuid,
  account_name text,
  action text not null,
  scope text,
  detail jsonb,
  ip text
);
create index audit_at on audit_log (at);

-- The dashboard's figures, kept per hamlet and per commune and refreshed from the records for
-- whatever a batch touched (see aggregates.ts).
create table agg_hamlet (
  province_code char(2) not null,
  commune_code char(5) not null,
  hamlet_key text not null,
  hamlet text not null,
  households int not null,
  reached int not null,
  meeting_goal int not null,
  people int not null,
  proficient int not null,
  levels int[] not null,
  primary key (commune_code, hamlet_key)
);
create index agg_hamlet_province on agg_hamlet (province_code);

create table agg_campaign (
  province_code char(2) not null,
  commune_code char(5) not null,
  campaign text not null,
  sessions int not null,
  people int not null,
  households int not null,
  households_meeting_goal int not null,
  primary key (commune_code, campaign)
);
create index agg_campaign_province on agg_campaign (province_code);

create table agg_week (
  province_code char(2) not null,
  commune_code char(5) not null,
  week_start date not null,
  sessions int not null,
  people int not null,
  primary key (commune_code, week_start)
);
create index agg_week_province on agg_week (province_code);

create table agg_sessions (
  province_code char(2) not null,
  commune_code char(5) primary key,
  total int not null,
  open int not null,
  unfinished int not null,
  done int not null
);

create table dirty_hamlets (
  commune_code char(5) not null,
  hamlet_key text not null,
  primary key (commune_code, hamlet_key)
);

create table dirty_communes (
  commune_code char(5) primary key
);
