--liquibase formatted sql

--changeset quire:20261207-0100-site-reader-base-url
--comment: where a site's readers read it (an https URL); feeds, sitemaps, mails and share links point there
ALTER TABLE sites ADD COLUMN reader_base_url text CHECK (reader_base_url ~ '^https://');
--rollback ALTER TABLE sites DROP COLUMN reader_base_url;
