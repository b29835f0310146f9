--liquibase formatted sql

--changeset quire:20261203-0100-add-author-approval
--comment: with auth.authorSignup = approval a new author profile waits for an admin; existing ones are approved
ALTER TABLE author_profiles
  ADD COLUMN approval text NOT NULL DEFAULT 'APPROVED' CHECK (approval IN ('PENDING', 'APPROVED', 'REJECTED')),
  ADD COLUMN approval_note text,
  ADD COLUMN decided_by uuid REFERENCES users (id) ON DELETE SET NULL,
  ADD COLUMN decided_at timestamptz;
CREATE INDEX author_profiles_pending ON author_profiles (created_at) WHERE approval = 'PENDING';
--rollback DROP INDEX author_profiles_pending; ALTER TABLE author_profiles DROP COLUMN decided_at, DROP COLUMN decided_by, DROP COLUMN approval_note, DROP COLUMN approval;
