--liquibase formatted sql

--changeset quire:20261122-1901-create-site-collaborators
--comment: people who work on a site that isn't theirs: a role and explicit permission flags
CREATE TABLE site_collaborators (
  site_id      uuid        NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role         text        NOT NULL CHECK (role IN ('EDITOR', 'WRITER', 'VIEWER')),
  permissions  jsonb       NOT NULL DEFAULT '{}'::jsonb,
  accepted_at  timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (site_id, user_id)
);
CREATE INDEX site_collaborators_user_idx ON site_collaborators (user_id);
--rollback DROP TABLE site_collaborators;
