--liquibase formatted sql

--changeset quire:20261122-1908-add-series-scheduled-status
--comment: a series status change waiting for its time (applied by the content.series_status_due job)
ALTER TABLE series ADD COLUMN scheduled_action text CHECK (scheduled_action IN ('publish', 'unpublish', 'complete', 'hiatus', 'resume'));
ALTER TABLE series ADD COLUMN scheduled_action_at timestamptz;
--rollback ALTER TABLE series DROP COLUMN scheduled_action_at; ALTER TABLE series DROP COLUMN scheduled_action;
