--liquibase formatted sql

--changeset quire:20261122-2200-create-outgoing-webhooks
--comment: authors' webhook endpoints, one delivery per event and endpoint, and every attempt's outcome
CREATE TABLE outgoing_webhooks (
  id                         uuid        PRIMARY KEY,
  site_id                    uuid        NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  name                       text        NOT NULL,
  description                text,
  url                        text        NOT NULL,
  events                     text[]      NOT NULL,
  secret_encrypted           text        NOT NULL,
  previous_secret_encrypted  text,
  previous_secret_expires_at timestamptz,
  is_active                  boolean     NOT NULL DEFAULT true,
  success_count              integer     NOT NULL DEFAULT 0,
  failure_count              integer     NOT NULL DEFAULT 0,
  consecutive_fails          integer     NOT NULL DEFAULT 0,
  last_success_at            timestamptz,
  last_failure_at            timestamptz,
  created_by                 uuid        REFERENCES users (id) ON DELETE SET NULL,
  created_at                 timestamptz NOT NULL DEFAULT now(),
  updated_at                 timestamptz NOT NULL DEFAULT now(),
  deleted_at                 timestamptz
);
CREATE INDEX outgoing_webhooks_site ON outgoing_webhooks (site_id) WHERE deleted_at IS NULL;

CREATE TABLE webhook_deliveries (
  id              uuid        PRIMARY KEY,
  webhook_id      uuid        NOT NULL REFERENCES outgoing_webhooks (id) ON DELETE CASCADE,
  event_type      text        NOT NULL,
  payload         jsonb       NOT NULL,
  status          text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'RETRYING', 'SUCCEEDED', 'DEAD')),
  attempts        integer     NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  last_status     integer,
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  completed_at    timestamptz
);
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, created_at DESC, id DESC);

CREATE TABLE webhook_delivery_attempts (
  delivery_id      uuid        NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  attempt          integer     NOT NULL,
  attempted_at     timestamptz NOT NULL DEFAULT now(),
  status_code      integer,
  response_time_ms integer,
  response_body    text,
  error            text,
  PRIMARY KEY (delivery_id, attempt)
);
--rollback DROP TABLE webhook_delivery_attempts; DROP TABLE webhook_deliveries; DROP TABLE outgoing_webhooks;
