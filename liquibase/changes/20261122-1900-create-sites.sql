--liquibase formatted sql

--changeset quire:20261122-1900-create-sites
--comment: an author's site; revision counts every change (ETag / If-Match)
CREATE TABLE sites (
  id                       uuid        PRIMARY KEY,
  owner_id                 uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  slug                     text        NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name                     text        NOT NULL,
  tagline                  text,
  description              text,
  custom_domain            text,
  status                   text        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'MAINTENANCE', 'SUSPENDED', 'DELETED')),
  is_public                boolean     NOT NULL DEFAULT true,
  default_content_rating   text        NOT NULL DEFAULT 'EVERYONE' CHECK (default_content_rating IN ('EVERYONE', 'TEEN', 'MATURE')),
  comments_enabled         boolean     NOT NULL DEFAULT true,
  comments_moderation_mode text        NOT NULL DEFAULT 'post' CHECK (comments_moderation_mode IN ('post', 'pre')),
  settings                 jsonb       NOT NULL DEFAULT '{}'::jsonb,
  revision                 integer     NOT NULL DEFAULT 1,
  created_at               timestamptz NOT NULL DEFAULT now(),
  updated_at               timestamptz NOT NULL DEFAULT now(),
  deleted_at               timestamptz
);
-- slugs and domains are global: they resolve public URLs
CREATE UNIQUE INDEX sites_slug_key ON sites (slug);
CREATE UNIQUE INDEX sites_custom_domain_key ON sites (lower(custom_domain)) WHERE custom_domain IS NOT NULL;
CREATE INDEX sites_owner_idx ON sites (owner_id, created_at);
--rollback DROP TABLE sites;
