--liquibase formatted sql

--changeset quire:20261122-1903-create-chapters
--comment: chapters with Markdown source and sanitised HTML; revision guards concurrent edits
CREATE TABLE chapters (
  id                   uuid          PRIMARY KEY,
  series_id            uuid          NOT NULL REFERENCES series (id) ON DELETE CASCADE,
  site_id              uuid          NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  author_id            uuid          NOT NULL REFERENCES users (id),
  slug                 text          NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  chapter_number       numeric(10,2) NOT NULL,
  volume_number        smallint,
  display_order        integer       NOT NULL DEFAULT 0,
  title                text          NOT NULL,
  content              text          NOT NULL DEFAULT '',
  content_html         text          NOT NULL DEFAULT '',
  word_count           integer       NOT NULL DEFAULT 0,
  reading_minutes      integer       NOT NULL DEFAULT 0,
  author_note          text,
  author_note_html     text,
  author_note_position text          NOT NULL DEFAULT 'end' CHECK (author_note_position IN ('start', 'end')),
  status               text          NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'SCHEDULED', 'PUBLISHED', 'ARCHIVED')),
  scheduled_at         timestamptz,
  schedule_timezone    text,
  published_at         timestamptz,
  access_level         text          NOT NULL DEFAULT 'FREE'
                                     CHECK (access_level IN ('FREE', 'SUBSCRIBERS', 'SPECIFIC_TIER', 'SCHEDULED_FREE')),
  minimum_tier_id      uuid,
  scheduled_free_at    timestamptz,
  preview_paragraphs   smallint,
  paywall_message      text,
  current_version      integer       NOT NULL DEFAULT 1,
  revision             integer       NOT NULL DEFAULT 1,
  created_at           timestamptz   NOT NULL DEFAULT now(),
  updated_at           timestamptz   NOT NULL DEFAULT now(),
  deleted_at           timestamptz
);
CREATE UNIQUE INDEX chapters_series_slug_key ON chapters (series_id, slug);
-- chapter numbers are unique per volume; a NULL volume is its own volume
CREATE UNIQUE INDEX chapters_series_number_key ON chapters (series_id, coalesce(volume_number, -1), chapter_number) WHERE deleted_at IS NULL;
CREATE INDEX chapters_series_order_idx ON chapters (series_id, display_order) WHERE deleted_at IS NULL;

CREATE TABLE chapter_versions (
  chapter_id      uuid        NOT NULL REFERENCES chapters (id) ON DELETE CASCADE,
  version_number  integer     NOT NULL,
  title           text        NOT NULL,
  content         text        NOT NULL,
  author_note     text,
  word_count      integer     NOT NULL,
  change_note     text,
  changed_by      uuid,
  diff_stats      jsonb       NOT NULL DEFAULT '{}'::jsonb,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (chapter_id, version_number)
);

CREATE TABLE chapter_autosaves (
  chapter_id     uuid        NOT NULL REFERENCES chapters (id) ON DELETE CASCADE,
  user_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title          text,
  content        text        NOT NULL,
  author_note    text,
  base_revision  integer     NOT NULL,
  saved_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (chapter_id, user_id)
);
--rollback DROP TABLE chapter_autosaves; DROP TABLE chapter_versions; DROP TABLE chapters;
