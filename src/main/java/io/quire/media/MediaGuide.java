package io.quire.media;

/** The {@code media} tag's description in {@code /openapi.json}, shown by {@code /docs} above its endpoints. */
final class MediaGuide {
    private MediaGuide() {}

    /** Markdown. */
    static final String TEXT = """
        - **Uploads** are `multipart/form-data` with one part named `file`, streamed to disk as they arrive (never held
          in memory), then stored under a random key (`media.storage`: `local` keeps them in `<data.dir>/media`, `s3` in an S3-compatible bucket that every
          replica shares; large files go up in 8 MiB parts). The
          type is read from the file's first bytes, not its name: PNG, JPEG, GIF, WebP and PDF are accepted; SVG is
          refused (`415 media.svg_refused`), anything else is `415 media.unsupported_type`; the stored name keeps the
          true extension.
        - **Direct uploads** skip Quire's body handling: `POST /media/upload/signed-url` gives a URL to PUT the file
          to (an S3 presigned URL, or a one-time URL Quire receives on its own disk), `POST /media/upload/complete`
          then checks the object (there, its size, its type) and makes it a file. `POST /media/upload/from-url` has the
          workers fetch it, behind the same guard as outgoing webhooks; `GET /media/upload/:uploadId` shows where an
          upload stands and why it failed.
        - **Limits.** A file may be `media.maxFileBytes` (`413 media.too_large`); an author's files together
          `media.quotaBytes`, a reader's `media.readerQuotaBytes` (`413 media.quota_exceeded`). Both are checked before the body is read when its
          Content-Length shows it, and while it streams otherwise. The storage use is changed in the transaction that
          adds or removes the file, so concurrent uploads cannot pass the quota together; `GET /media/storage` shows it.
        - **Images** are processed by the workers after the upload: orientation applied, EXIF and GPS removed (JPEG and
          PNG are re-encoded), width and height, the average colour, a tiny blurred `placeholderUrl`, and variants
          `thumb` (320 wide), `medium` (960) and `large` (1920) where smaller than the original. An image that cannot
          be decoded, or has more than `media.maxImagePixels` pixels, gets a `processingError` instead.
        - **Who sees a file**: its uploader, and when it names a site, that site's people; to anyone else it does not
          exist (404). Only the uploader changes or deletes it.
        - **Downloads** (`/download` as an attachment, `/stream` inline) answer Range requests with 206, and carry a
          strong ETag (the SHA-256 of the bytes).
        - **Library**: folders (`/media/folders`; a rename moves its files, a delete keeps them), copy and move, bulk
          delete/move/tag (each id succeeds or fails on its own), `/storage/breakdown`, and `/bandwidth` — the bytes
          downloads served this month, counted in batches.
        - **Where images are used**: avatars (`POST /users/me/avatar`), a site's logo and favicon
          (`POST /sites/:id/branding/logo|favicon`), a series' cover and banner (`PUT /series/:id/cover|banner`), and a chapter's
          ordered pages for comics and webtoons (`PUT /chapters/:id/pages`, the whole list at once). Readers fetch them
          from `/media/:id/public`: covers while the series is visible, pages of free chapters and a locked chapter's
          preview pages (its first ones, at most half) for anyone and cacheable, its other pages only for entitled
          readers (`private, no-store`); the chapter's `read` answer lists just the pages the caller may see. A file in
          use (`usageCount`) is not deleted without `?force=true`.
        """;
}
