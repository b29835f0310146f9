--liquibase formatted sql

--changeset quire:20261122-2350-create-comments
--comment: threaded chapter comments; a deleted comment with replies stays as a tombstone (status DELETED, no text)
CREATE TABLE comments (
  id             uuid        PRIMARY KEY,
  chapter_id     uuid        NOT NULL REFERENCES chapters (id) ON DELETE CASCADE,
  site_id        uuid        NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  user_id        uuid        REFERENCES users (id) ON DELETE SET NULL,
  parent_id      uuid        REFERENCES comments (id) ON DELETE CASCADE,
  depth          smallint    NOT NULL DEFAULT 0,
  content        text,
  content_html   text,
  has_spoiler    boolean     NOT NULL DEFAULT false,
  status         text        NOT NULL DEFAULT 'VISIBLE' CHECK (status IN ('VISIBLE', 'PENDING', 'HIDDEN', 'DELETED')),
  held_reason    text,
  is_pinned      boolean     NOT NULL DEFAULT false,
  edited_at      timestamptz,
  reply_count    integer     NOT NULL DEFAULT 0,
  reaction_count integer     NOT NULL DEFAULT 0,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
-- a chapter's top-level comments (newest/oldest/top), and a comment's replies
CREATE INDEX comments_chapter_top ON comments (chapter_id, created_at, id) WHERE parent_id IS NULL;
CREATE INDEX comments_chapter_top_score ON comments (chapter_id, reaction_count DESC, id DESC) WHERE parent_id IS NULL;
CREATE INDEX comments_replies ON comments (parent_id, created_at, id) WHERE parent_id IS NOT NULL;
-- duplicate detection: a user's recent comments
CREATE INDEX comments_user_recent ON comments (user_id, created_at DESC);
--rollback DROP TABLE comments;
