--liquibase formatted sql

--changeset quire:20261122-2360-create-reactions
--comment: one reaction per user, target and type; counts are read from here (cached), and comments' reaction_count is refreshed in batches from dirty marks, never per click
CREATE TABLE reactions (
  user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  target_type text        NOT NULL CHECK (target_type IN ('chapter', 'comment')),
  target_id   uuid        NOT NULL,
  type        text        NOT NULL CHECK (type IN ('LIKE', 'LOVE', 'LAUGH', 'WOW', 'SAD', 'ANGRY')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, target_type, target_id, type)
);
CREATE INDEX reactions_target ON reactions (target_type, target_id, type);

CREATE TABLE reaction_dirty (
  target_type text NOT NULL,
  target_id   uuid NOT NULL,
  PRIMARY KEY (target_type, target_id)
);
--rollback DROP TABLE reaction_dirty; DROP TABLE reactions;
