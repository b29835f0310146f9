--liquibase formatted sql

--changeset quire:20261122-1907-create-pages
--comment: a site's standalone pages (About, FAQ); slug unique per site; revision for If-Match
CREATE TABLE pages (
  id            uuid        PRIMARY KEY,
  site_id       uuid        NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  slug          text        NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  title         text        NOT NULL,
  content       text        NOT NULL DEFAULT '',
  content_html  text        NOT NULL DEFAULT '',
  is_published  boolean     NOT NULL DEFAULT false,
  published_at  timestamptz,
  show_in_nav   boolean     NOT NULL DEFAULT false,
  nav_order     integer     NOT NULL DEFAULT 0,
  nav_label     text,
  revision      integer     NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX pages_site_slug_key ON pages (site_id, slug);
CREATE INDEX pages_site_order_idx ON pages (site_id, nav_order);
--rollback DROP TABLE pages;
