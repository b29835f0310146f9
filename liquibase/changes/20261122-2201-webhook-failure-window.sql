--liquibase formatted sql

--changeset quire:20261122-2201-webhook-failure-window
--comment: when an endpoint's unbroken run of failures began (a success clears it), and why it was switched off
ALTER TABLE outgoing_webhooks ADD COLUMN failing_since timestamptz;
ALTER TABLE outgoing_webhooks ADD COLUMN disabled_reason text;
--rollback ALTER TABLE outgoing_webhooks DROP COLUMN disabled_reason; ALTER TABLE outgoing_webhooks DROP COLUMN failing_since;
