--liquibase formatted sql

--changeset quire:20261122-2390-create-reports
--comment: readers' reports on content and users, and the log of every moderation action with who and why
CREATE TABLE reports (
  id              uuid        PRIMARY KEY,
  reporter_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  target_type     text        NOT NULL CHECK (target_type IN ('comment', 'review', 'chapter', 'series', 'user')),
  target_id       uuid        NOT NULL,
  target_user_id  uuid        REFERENCES users (id) ON DELETE SET NULL,
  site_id         uuid        REFERENCES sites (id) ON DELETE CASCADE,
  reason          text        NOT NULL CHECK (reason IN ('SPAM', 'HARASSMENT', 'HATE_SPEECH', 'VIOLENCE_PROMOTION',
                    'SEXUAL_CONTENT_UNTAGGED', 'COPYRIGHT_INFRINGEMENT', 'MISINFORMATION', 'DOXXING', 'CSAM', 'OTHER')),
  description     text,
  evidence        text[]      NOT NULL DEFAULT '{}',
  status          text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'UNDER_REVIEW', 'RESOLVED_ACTION_TAKEN',
                    'RESOLVED_NO_ACTION', 'DISMISSED', 'ESCALATED')),
  priority        smallint    NOT NULL DEFAULT 0,
  resolved_at     timestamptz,
  resolved_by     uuid        REFERENCES users (id) ON DELETE SET NULL,
  resolution      text,
  resolution_note text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
-- one open report per reporter and target
CREATE UNIQUE INDEX reports_open_once ON reports (reporter_id, target_type, target_id) WHERE status IN ('PENDING', 'UNDER_REVIEW', 'ESCALATED');
CREATE INDEX reports_site_queue ON reports (site_id, status, priority DESC, created_at);
CREATE INDEX reports_status ON reports (status, priority DESC, created_at);
CREATE INDEX reports_reporter ON reports (reporter_id, created_at DESC);

CREATE TABLE moderation_log (
  id               uuid        PRIMARY KEY,
  moderator_id     uuid        REFERENCES users (id) ON DELETE SET NULL,
  target_type      text        NOT NULL,
  target_id        uuid        NOT NULL,
  target_user_id   uuid,
  site_id          uuid,
  action           text        NOT NULL,
  reason           text,
  notes            text,
  report_id        uuid        REFERENCES reports (id) ON DELETE SET NULL,
  content_snapshot jsonb,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX moderation_log_recent ON moderation_log (created_at DESC, id DESC);
CREATE INDEX moderation_log_target ON moderation_log (target_type, target_id);
--rollback DROP TABLE moderation_log; DROP TABLE reports;
