--liquibase formatted sql

--changeset quire:20261122-2202-webhook-ordered
--comment: endpoints that want their events strictly in order: the next waits until the previous succeeded or died
ALTER TABLE outgoing_webhooks ADD COLUMN ordered boolean NOT NULL DEFAULT false;
--rollback ALTER TABLE outgoing_webhooks DROP COLUMN ordered;
