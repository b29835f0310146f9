-- The read benchmark's data set: 50 public sites, 500 published series (10 each), 20,000 published free
-- chapters (40 each) of ~2 KB Markdown, all owned by :'owner'. Run with psql -v owner=<user id>.
INSERT INTO sites (id, owner_id, slug, name)
SELECT gen_random_uuid(), :'owner', 'bench-site-' || s, 'Bench site ' || s FROM generate_series(1, 50) s;

INSERT INTO series (id, site_id, author_id, slug, title, status)
SELECT gen_random_uuid(), si.id, :'owner', 'series-' || n, 'Series ' || n || ' of ' || si.name, 'ONGOING'
  FROM sites si CROSS JOIN generate_series(1, 10) n WHERE si.slug LIKE 'bench-site-%';

INSERT INTO chapters (id, series_id, site_id, author_id, slug, chapter_number, display_order, title, content,
                      content_html, word_count, reading_minutes, status, published_at)
SELECT gen_random_uuid(), se.id, se.site_id, :'owner', 'chapter-' || n, n, n, 'Chapter ' || n,
       repeat('The lantern swung over the harbour as the tide came in. ', 18) || E'\n\n' ||
       repeat('She counted the ships and wrote each name in the ledger. ', 18),
       '<p>' || repeat('The lantern swung over the harbour as the tide came in. ', 18) || E'</p>\n<p>' ||
       repeat('She counted the ships and wrote each name in the ledger. ', 18) || E'</p>\n',
       380, 2, 'PUBLISHED', now() - (n || ' hours')::interval
  FROM series se CROSS JOIN generate_series(1, 40) n
 WHERE se.site_id IN (SELECT id FROM sites WHERE slug LIKE 'bench-site-%');
ANALYZE sites; ANALYZE series; ANALYZE chapters;
