--liquibase formatted sql

--changeset quire:20261122-2100-create-webhook-inbox
--comment: incoming webhooks: per-author gateway secrets (encrypted, several active while rotating), Standard Webhooks sources, the durable inbox, and the last applied event per gateway object
CREATE TABLE webhook_sources (
  id         uuid        PRIMARY KEY,
  owner_id   uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name       text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX webhook_sources_owner ON webhook_sources (owner_id) WHERE deleted_at IS NULL;

CREATE TABLE webhook_secrets (
  id               uuid        PRIMARY KEY,
  author_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  gateway          text        NOT NULL CHECK (gateway IN ('stripe', 'razorpay', 'xendit', 'standard')),
  source_id        uuid        REFERENCES webhook_sources (id) ON DELETE CASCADE,
  secret_encrypted text        NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  expires_at       timestamptz
);
CREATE INDEX webhook_secrets_lookup ON webhook_secrets (author_id, gateway, created_at DESC);

CREATE TABLE webhook_events (
  id               uuid        PRIMARY KEY,
  gateway          text        NOT NULL,
  author_id        uuid        REFERENCES users (id) ON DELETE SET NULL,
  source_id        uuid,
  event_type       text        NOT NULL,
  gateway_event_id text        NOT NULL,
  object_id        text,
  event_created_at timestamptz,
  payload          jsonb       NOT NULL,
  headers          jsonb       NOT NULL,
  signature_valid  boolean     NOT NULL,
  status           text        NOT NULL DEFAULT 'RECEIVED'
                               CHECK (status IN ('RECEIVED', 'PROCESSED', 'IGNORED', 'SUPERSEDED', 'FAILED', 'DEAD_LETTER')),
  retry_count      integer     NOT NULL DEFAULT 0,
  next_retry_at    timestamptz,
  last_error       text,
  received_at      timestamptz NOT NULL DEFAULT now(),
  processed_at     timestamptz,
  UNIQUE (gateway, gateway_event_id)
);
CREATE INDEX webhook_events_received ON webhook_events (received_at DESC, id DESC);
CREATE INDEX webhook_events_status ON webhook_events (status, received_at DESC);

CREATE TABLE webhook_object_state (
  gateway           text        NOT NULL,
  object_id         text        NOT NULL,
  last_event_at     timestamptz NOT NULL,
  last_event_id     uuid        NOT NULL,
  PRIMARY KEY (gateway, object_id)
);
--rollback DROP TABLE webhook_object_state; DROP TABLE webhook_events; DROP TABLE webhook_secrets; DROP TABLE webhook_sources;
