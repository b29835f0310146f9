--liquibase formatted sql

--changeset quire:20261122-2410-create-gateway-connections
--comment: an author's payment gateway credentials (the secret encrypted at rest) and their default gateway
CREATE TABLE gateway_connections (
  author_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  gateway          text        NOT NULL CHECK (gateway IN ('stripe', 'razorpay', 'xendit')),
  key_id           text,
  secret_encrypted text        NOT NULL,
  key_hint         text        NOT NULL,
  account_id       text,
  connected_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (author_id, gateway)
);

CREATE TABLE author_billing_settings (
  author_id       uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  default_gateway text CHECK (default_gateway IN ('stripe', 'razorpay', 'xendit'))
);
--rollback DROP TABLE author_billing_settings; DROP TABLE gateway_connections;
