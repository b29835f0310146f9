--liquibase formatted sql

--changeset quire:20261122-1806-create-api-keys
--comment: API keys: looked up by their public prefix, verified against a SHA-256 of the secret
CREATE TABLE api_keys (
  id                     uuid        PRIMARY KEY,
  user_id                uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name                   text        NOT NULL,
  prefix                 text        NOT NULL,
  secret_hash            text        NOT NULL,
  scopes                 text[]      NOT NULL,
  site_id                uuid,
  allowed_ips            text[]      NOT NULL DEFAULT '{}',
  allowed_origins        text[]      NOT NULL DEFAULT '{}',
  rate_limit_per_minute  integer     NOT NULL DEFAULT 600,
  expires_at             timestamptz,
  last_used_at           timestamptz,
  revoked_at             timestamptz,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX api_keys_prefix_key ON api_keys (prefix);
CREATE INDEX api_keys_user_idx ON api_keys (user_id) WHERE revoked_at IS NULL;
--rollback DROP TABLE api_keys;
