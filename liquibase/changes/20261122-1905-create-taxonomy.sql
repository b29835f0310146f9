--liquibase formatted sql

--changeset quire:20261122-1905-create-taxonomy
--comment: genres (a small tree) and content warnings are curated; tags are free, counted, and can be blocked by admins
CREATE TABLE genres (
  id             uuid     PRIMARY KEY,
  slug           text     NOT NULL UNIQUE,
  name           text     NOT NULL,
  description    text,
  parent_id      uuid     REFERENCES genres (id),
  is_featured    boolean  NOT NULL DEFAULT false,
  display_order  smallint NOT NULL DEFAULT 0
);
CREATE TABLE content_warnings (
  id           uuid     PRIMARY KEY,
  slug         text     NOT NULL UNIQUE,
  name         text     NOT NULL,
  description  text     NOT NULL,
  severity     text     NOT NULL CHECK (severity IN ('MILD', 'MODERATE', 'SEVERE'))
);
CREATE TABLE tags (
  id           uuid        PRIMARY KEY,
  slug         text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name         text        NOT NULL,
  usage_count  integer     NOT NULL DEFAULT 0,
  is_blocked   boolean     NOT NULL DEFAULT false,
  created_by   uuid        REFERENCES users (id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tags_popular_idx ON tags (usage_count DESC, slug) WHERE NOT is_blocked;
CREATE TABLE series_genres (
  series_id   uuid    NOT NULL REFERENCES series (id) ON DELETE CASCADE,
  genre_id    uuid    NOT NULL REFERENCES genres (id),
  is_primary  boolean NOT NULL DEFAULT false,
  PRIMARY KEY (series_id, genre_id)
);
CREATE INDEX series_genres_genre_idx ON series_genres (genre_id);
CREATE TABLE series_tags (
  series_id  uuid NOT NULL REFERENCES series (id) ON DELETE CASCADE,
  tag_id     uuid NOT NULL REFERENCES tags (id),
  PRIMARY KEY (series_id, tag_id)
);
CREATE INDEX series_tags_tag_idx ON series_tags (tag_id);
CREATE TABLE series_content_warnings (
  series_id   uuid NOT NULL REFERENCES series (id) ON DELETE CASCADE,
  warning_id  uuid NOT NULL REFERENCES content_warnings (id),
  PRIMARY KEY (series_id, warning_id)
);
--rollback DROP TABLE series_content_warnings; DROP TABLE series_tags; DROP TABLE series_genres; DROP TABLE tags; DROP TABLE content_warnings; DROP TABLE genres;
