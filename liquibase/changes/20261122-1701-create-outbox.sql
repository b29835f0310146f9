--liquibase formatted sql

--changeset quire:20261122-1701-create-outbox
--comment: the transactional outbox; rows are written with the change they describe and dispatched once
CREATE TABLE outbox (
  id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  topic          text        NOT NULL,
  aggregate_id   text,
  payload        jsonb       NOT NULL DEFAULT '{}'::jsonb,
  attempts       integer     NOT NULL DEFAULT 0,
  last_error     text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  dispatched_at  timestamptz
);
-- the dispatcher's claim: pending rows of the topics it handles, in id order
CREATE INDEX outbox_pending_idx ON outbox (topic, id) WHERE dispatched_at IS NULL;
CREATE INDEX outbox_dispatched_idx ON outbox (dispatched_at) WHERE dispatched_at IS NOT NULL;
--rollback DROP TABLE outbox;
