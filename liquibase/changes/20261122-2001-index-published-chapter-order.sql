--liquibase formatted sql

--changeset quire:20261122-2001-index-published-chapter-order
--comment: the read path's order of published chapters: tables of contents and a chapter's previous/next in one index-only step
CREATE INDEX chapters_published_order_idx ON chapters (series_id, display_order, chapter_number, id)
  WHERE status = 'PUBLISHED' AND deleted_at IS NULL;
--rollback DROP INDEX chapters_published_order_idx;
