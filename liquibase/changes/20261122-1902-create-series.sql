--liquibase formatted sql

--changeset quire:20261122-1902-create-series
--comment: a series of chapters in a site; slug unique per site
CREATE TABLE series (
  id                    uuid        PRIMARY KEY,
  site_id               uuid        NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  author_id             uuid        NOT NULL REFERENCES users (id),
  slug                  text        NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  title                 text        NOT NULL,
  synopsis              text        NOT NULL DEFAULT '',
  content_type          text        NOT NULL DEFAULT 'WEB_NOVEL'
                                    CHECK (content_type IN ('WEB_NOVEL', 'WEBTOON', 'MANGA', 'MANHWA', 'WESTERN_COMIC')),
  content_rating        text        NOT NULL DEFAULT 'EVERYONE' CHECK (content_rating IN ('EVERYONE', 'TEEN', 'MATURE')),
  status                text        NOT NULL DEFAULT 'DRAFT'
                                    CHECK (status IN ('DRAFT', 'ONGOING', 'HIATUS', 'COMPLETED', 'CANCELLED')),
  language              text        NOT NULL DEFAULT 'en',
  default_access_level  text        NOT NULL DEFAULT 'FREE'
                                    CHECK (default_access_level IN ('FREE', 'SUBSCRIBERS', 'SPECIFIC_TIER', 'SCHEDULED_FREE')),
  early_access_days     smallint    NOT NULL DEFAULT 0 CHECK (early_access_days >= 0),
  preview_paragraphs    smallint    NOT NULL DEFAULT 3 CHECK (preview_paragraphs >= 0),
  paywall_message       text,
  settings              jsonb       NOT NULL DEFAULT '{}'::jsonb,
  last_published_at     timestamptz,
  completed_at          timestamptz,
  revision              integer     NOT NULL DEFAULT 1,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  deleted_at            timestamptz
);
CREATE UNIQUE INDEX series_site_slug_key ON series (site_id, slug);
CREATE INDEX series_site_idx ON series (site_id, created_at) WHERE deleted_at IS NULL;
--rollback DROP TABLE series;
