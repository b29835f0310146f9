--liquibase formatted sql

--changeset quire:20261122-1700-create-jobs
--comment: the durable job queue; claimed with FOR UPDATE SKIP LOCKED, woken by NOTIFY quire_jobs, polled as well
CREATE TABLE jobs (
  id            uuid        PRIMARY KEY,
  type          text        NOT NULL,
  payload       jsonb       NOT NULL DEFAULT '{}'::jsonb,
  status        text        NOT NULL DEFAULT 'queued'
                            CHECK (status IN ('queued', 'running', 'done', 'dead')),
  attempts      integer     NOT NULL DEFAULT 0,
  max_attempts  integer     NOT NULL CHECK (max_attempts > 0),
  run_at        timestamptz NOT NULL DEFAULT now(),
  locked_by     text,
  locked_until  timestamptz,
  last_error    text,
  dedupe_key    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz
);
-- the claim query: due queued jobs of the types this worker handles, oldest first
CREATE INDEX jobs_due_idx ON jobs (type, run_at) WHERE status = 'queued';
-- the lease sweeper: running jobs whose worker died
CREATE INDEX jobs_lease_idx ON jobs (locked_until) WHERE status = 'running';
-- the pruner
CREATE INDEX jobs_finished_idx ON jobs (finished_at) WHERE status IN ('done', 'dead');
-- at most one pending job per dedupe key (periodic jobs enqueued by every instance)
CREATE UNIQUE INDEX jobs_dedupe_idx ON jobs (dedupe_key) WHERE dedupe_key IS NOT NULL AND status IN ('queued', 'running');
-- periodic jobs look up whether this period's run already happened
CREATE INDEX jobs_dedupe_key_idx ON jobs (dedupe_key) WHERE dedupe_key IS NOT NULL;
--rollback DROP TABLE jobs;
