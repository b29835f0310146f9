--liquibase formatted sql

--changeset quire:20261122-2300-create-analytics-events
--comment: raw analytics events, range-partitioned by month of occurred_at; no sequence, no foreign keys: this table takes the write volume
ALTER TABLE sites ADD COLUMN ingest_key text;
UPDATE sites SET ingest_key = 'qpk_' || replace(gen_random_uuid()::text, '-', '');
ALTER TABLE sites ALTER COLUMN ingest_key SET NOT NULL;
ALTER TABLE sites ALTER COLUMN ingest_key SET DEFAULT 'qpk_' || replace(gen_random_uuid()::text, '-', '');
-- after a rotation the previous key keeps working for a while: pages already in caches and browsers still carry it
ALTER TABLE sites ADD COLUMN previous_ingest_key text;
ALTER TABLE sites ADD COLUMN previous_ingest_key_until timestamptz;
CREATE UNIQUE INDEX sites_ingest_key ON sites (ingest_key);
-- page views from the rollups (authors see them; series have series_stats)
ALTER TABLE chapters ADD COLUMN view_count bigint NOT NULL DEFAULT 0;
CREATE INDEX sites_previous_ingest_key ON sites (previous_ingest_key) WHERE previous_ingest_key IS NOT NULL;

CREATE TABLE analytics_events (
  site_id         uuid        NOT NULL,
  event_id        uuid,
  event_type      text        NOT NULL,
  occurred_at     timestamptz NOT NULL,
  received_at     timestamptz NOT NULL,
  series_id       uuid,
  chapter_id      uuid,
  user_id         uuid,
  visitor_id      uuid        NOT NULL,
  session_id      text,
  anonymous_id    text,
  path            text,
  referrer        text,
  referrer_host   text,
  utm_source      text,
  utm_medium      text,
  utm_campaign    text,
  utm_term        text,
  utm_content     text,
  device_type     text,
  browser         text,
  browser_version text,
  os              text,
  os_version      text,
  screen_size     text,
  country         text,
  percent         smallint,
  properties      jsonb
) PARTITION BY RANGE (occurred_at);
CREATE INDEX analytics_events_site_time ON analytics_events (site_id, occurred_at);

-- one random salt per UTC day for hashing anonymous visitors; rows older than 48 hours are deleted
CREATE TABLE analytics_salts (
  day        date        PRIMARY KEY,
  salt       bytea       NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- (site, UTC day) pairs with events not yet rolled up; the ingest writer marks, the rollup job clears
CREATE TABLE analytics_dirty_days (
  site_id   uuid NOT NULL,
  day       date NOT NULL,
  PRIMARY KEY (site_id, day)
);

-- daily rollups per site, series and chapter, days in the site's reporting time zone
CREATE TABLE analytics_aggregates (
  entity_type       text        NOT NULL CHECK (entity_type IN ('site', 'series', 'chapter')),
  entity_id         uuid        NOT NULL,
  site_id           uuid        NOT NULL,
  day               date        NOT NULL,
  page_views        integer     NOT NULL DEFAULT 0,
  unique_visitors   integer     NOT NULL DEFAULT 0,
  sessions          integer     NOT NULL DEFAULT 0,
  bounces           integer     NOT NULL DEFAULT 0,
  session_seconds   bigint      NOT NULL DEFAULT 0,
  readers           integer     NOT NULL DEFAULT 0,
  chapter_starts    integer     NOT NULL DEFAULT 0,
  chapter_completes integer     NOT NULL DEFAULT 0,
  progress_sum      bigint      NOT NULL DEFAULT 0,
  progress_count    integer     NOT NULL DEFAULT 0,
  subscription_views  integer   NOT NULL DEFAULT 0,
  subscription_starts integer   NOT NULL DEFAULT 0,
  shares            integer     NOT NULL DEFAULT 0,
  series_views      integer     NOT NULL DEFAULT 0,
  metrics           jsonb       NOT NULL DEFAULT '{}'::jsonb,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (entity_type, entity_id, day)
);
CREATE INDEX analytics_aggregates_site_day ON analytics_aggregates (site_id, day);

-- who visited on which day (site level: series_id is the nil uuid): exact unique visitors over weeks, months and ranges
CREATE TABLE analytics_visitor_days (
  site_id    uuid NOT NULL,
  series_id  uuid NOT NULL,
  day        date NOT NULL,
  visitor_id uuid NOT NULL,
  stage      smallint NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, series_id, day, visitor_id)
);

-- readers of a series: when they started its first chapter, how far they got, which weeks they read in
CREATE TABLE analytics_series_readers (
  series_id        uuid    NOT NULL,
  visitor_id       uuid    NOT NULL,
  started_on       date,
  furthest_position integer NOT NULL DEFAULT 0,
  active_weeks     integer[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (series_id, visitor_id)
);
--rollback ALTER TABLE chapters DROP COLUMN view_count; DROP TABLE analytics_series_readers; DROP TABLE analytics_visitor_days; DROP TABLE analytics_aggregates; DROP TABLE analytics_dirty_days; DROP TABLE analytics_salts; DROP TABLE analytics_events; ALTER TABLE sites DROP COLUMN ingest_key, DROP COLUMN previous_ingest_key, DROP COLUMN previous_ingest_key_until;

--changeset quire:20261122-2301-analytics-partition-functions splitStatements:false
--comment: creating a month's partition with its dedupe index, and dropping months past retention, in one place for the migration, the ingest verticle and the workers
CREATE FUNCTION analytics_ensure_partition(month date) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  first date := date_trunc('month', month)::date;
  name text := 'analytics_events_' || to_char(first, 'YYYY_MM');
BEGIN
  IF to_regclass(name) IS NOT NULL THEN
    RETURN false;
  END IF;
  EXECUTE format('CREATE TABLE %I PARTITION OF analytics_events FOR VALUES FROM (%L) TO (%L)',
                 name, first::timestamp AT TIME ZONE 'UTC', (first + interval '1 month')::timestamp AT TIME ZONE 'UTC');
  -- a unique index on the parent would have to include occurred_at; per month, (site, event id) is the dedupe key
  EXECUTE format('CREATE UNIQUE INDEX %I ON %I (site_id, event_id) WHERE event_id IS NOT NULL', name || '_dedupe', name);
  RETURN true;
END $$;

CREATE FUNCTION analytics_drop_partitions_before(cutoff timestamptz) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  part record;
  dropped integer := 0;
BEGIN
  FOR part IN
    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'analytics_events'::regclass AND c.relname ~ '^analytics_events_\d{4}_\d{2}$'
  LOOP
    -- a month goes only when all of it is older than the cutoff
    IF (to_date(substr(part.relname, 18), 'YYYY_MM') + interval '1 month')::timestamp AT TIME ZONE 'UTC' <= cutoff THEN
      EXECUTE format('DROP TABLE %I', part.relname);
      dropped := dropped + 1;
    END IF;
  END LOOP;
  RETURN dropped;
END $$;
--rollback DROP FUNCTION analytics_drop_partitions_before(timestamptz); DROP FUNCTION analytics_ensure_partition(date);
