--liquibase formatted sql

--changeset quire:20261122-2320-create-author-follows
--comment: readers following authors, with what they want to hear about
CREATE TABLE author_follows (
  follower_id          uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  author_id            uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  notify_new_series    boolean     NOT NULL DEFAULT true,
  notify_new_chapters  boolean     NOT NULL DEFAULT true,
  notify_announcements boolean     NOT NULL DEFAULT true,
  created_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (follower_id, author_id),
  CHECK (follower_id <> author_id)
);
-- an author's followers, newest first (and the publish fan-out walks it by follower)
CREATE INDEX author_follows_author ON author_follows (author_id, created_at DESC, follower_id DESC);
--rollback DROP TABLE author_follows;
