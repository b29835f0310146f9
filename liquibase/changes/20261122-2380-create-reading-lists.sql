--liquibase formatted sql

--changeset quire:20261122-2380-create-reading-lists
--comment: readers' reading lists (ordered series with notes, private or public, followable) and their reader settings
CREATE TABLE reading_lists (
  id          uuid        PRIMARY KEY,
  user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name        text        NOT NULL,
  description text,
  is_public   boolean     NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reading_lists_user ON reading_lists (user_id, created_at DESC);

CREATE TABLE reading_list_items (
  list_id   uuid        NOT NULL REFERENCES reading_lists (id) ON DELETE CASCADE,
  series_id uuid        NOT NULL REFERENCES series (id) ON DELETE CASCADE,
  position  integer     NOT NULL,
  note      text,
  added_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (list_id, series_id)
);
CREATE INDEX reading_list_items_order ON reading_list_items (list_id, position);

CREATE TABLE reading_list_follows (
  list_id    uuid        NOT NULL REFERENCES reading_lists (id) ON DELETE CASCADE,
  user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (list_id, user_id)
);

CREATE TABLE reader_settings (
  user_id  uuid  PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  settings jsonb NOT NULL DEFAULT '{}'::jsonb
);
--rollback DROP TABLE reader_settings; DROP TABLE reading_list_follows; DROP TABLE reading_list_items; DROP TABLE reading_lists;
