package io.quire.engagement;

/**
 * What a client developer needs to know about engagement beyond each endpoint: the {@code engagement} tag's
 * description in {@code /openapi.json}, which {@code /docs} shows above its endpoints.
 */
public final class EngagementGuide {
    public static final String TAG = "engagement";

    /** Markdown. */
    public static final String TEXT = """
        Reading progress, bookmarks, author follows, notifications with the new-chapter fan-out, comments, reactions,
        reviews, reading lists, reader settings, and reports with moderation.

        - **Reading progress.** `POST /api/v1/reading-progress/:seriesId {chapterId, percent, updatedAt}` records a
          reader's place in a series. `updatedAt` is the device's own time: the newest wins, so a device that was
          offline and syncs later cannot pull the reader back (`applied: false` says so). A time more than 5 minutes
          ahead counts as now. `GET /reading-progress` is "continue reading" (most recent first, cursor paged);
          `GET|DELETE /reading-progress/:seriesId` read and forget one. Only published chapters of live series count.
        - **Bookmarks.** `POST /api/v1/bookmarks {chapterId, paragraph?, percent?, note?}`, `GET /bookmarks`
          (newest first; `seriesId` or `chapterId` to narrow), `DELETE /bookmarks/:bookmarkId` (another reader's is 404).
        - **Follows.** `POST /api/v1/authors/:authorId/follow` (201, or 200 when already following) and `…/unfollow`;
          `PATCH …/follow-settings {notifyNewSeries, notifyNewChapters, notifyAnnouncements}`; `GET /me/following`; and
          `GET …/followers` with `followerCount` for the author themself and admins. A new follow writes `follow.created`
          to the outbox, delivered to the webhook endpoints of every site the author owns that subscribe to it.
        - **Comments.** `GET|POST /api/v1/chapters/:chapterId/comments`, `GET|PATCH|DELETE /comments/:id`,
          `POST /comments/:id/reply`, `GET /comments/:id/replies`, and for moderators (the site's owner, editors, admins,
          the chapter's author) `POST /comments/:id/hide|unhide|pin|unpin`. Markdown-lite (emphasis, code, quotes,
          lists, `nofollow ugc` links; anything else is text), ≤ 10,000 characters. Threads go to any depth and are listed
          two levels at a time (a page of top-level comments, newest/oldest/top, each with its first 3 replies; then
          `replies` paging). The site's `commentsModerationMode` `pre` holds comments until a moderator unhides them;
          a comment with more than 3 links, or the same text twice within 10 minutes, is held too. Off
          (`commentsEnabled: false`) is a 403 `comments.disabled`. A locked chapter's comments are for readers entitled to
          it (403 `comments.locked`). Edits after 15 minutes are marked; deleting a comment with replies leaves a tombstone.
          A reply notifies the comment's writer (`COMMENT_REPLY`). `comment.*` events go to the outbox and to webhooks.
        - **Reactions.** `GET|POST|DELETE /api/v1/chapters/:chapterId/reactions` and `/comments/:commentId/reactions`
          (`{type}`; `?type=` to remove): one per user, target and type from LIKE, LOVE, LAUGH, WOW, SAD, ANGRY. A click
          writes only the user's own row and a dirty mark (`ON CONFLICT DO NOTHING`, which never waits on an existing
          mark); counts are counted from the target's index range and cached 2 s, the clicker's own answer counted fresh.
          Comments' `reactionCount` (the `top` sort) is refreshed from the marks every 30 s by `engagement.reaction_counts`,
          which also tells a comment's writer when it first passes 10, 50, 100, 500 or 1,000 reactions (`REACTION_MILESTONE`).
        - **Reviews.** `GET|POST /api/v1/series/:seriesId/reviews`, `GET|PATCH|DELETE /reviews/:id`, `POST …/respond`
          (the series' author, once; the reviewer gets `REVIEW_RESPONSE`), `POST …/hide|unhide` (moderators),
          `POST|DELETE …/vote {helpful}`. One review per reader per series, rating 1–5 with optional sub-ratings (story,
          characters, writing, worldBuilding, updateStability), only once the reader has read the series (a recorded
          reading progress); not on one's own series or review. The series' `ratingAverage` and `ratingCount` (visible
          reviews) move in the same transaction. `review.*` events go to the outbox and webhooks.
        - **Reading lists.** `GET|POST /api/v1/reading-lists`, `GET|PATCH|DELETE /reading-lists/:id`, items
          (`GET|POST|PATCH …/items`, `DELETE …/items/:seriesId`: published series in the owner's order, each with a note;
          `PATCH {order}` puts the named ones first), `POST|DELETE …/follow` and `GET …/followers`. Private by default
          (someone else's private list is a 404); public ones can be read by anyone and followed by others.
        - **Reader settings.** `GET|PATCH /api/v1/reader/settings`: theme, font family and size, line height, alignment,
          author notes, spoilers; stored per user over the defaults.
        - **Reports and moderation.** `POST /api/v1/reports {targetType, targetId, reason, description, evidenceUrls}`
          (comment, review, chapter, series or user; not your own; one open report per target; CSAM, doxxing and violence
          first in the queues), `GET /my/reports`. A site's owner, editors and admins see reports on its content
          (`GET /sites/:siteId/reports`, `…/moderation/queue`) and resolve them (`…/moderation/:reportId/action`:
          NO_ACTION, WARNING_ISSUED, CONTENT_HIDDEN, CONTENT_REMOVED on comments and reviews) or `…/escalate`. Admins
          (`/admin/reports`, `…/:reportId`, `…/:reportId/action`) may also suspend, ban or delete accounts, which ends
          their sessions at once. Every action goes to `moderation_log` with who, why and a snapshot of the content
          (`GET /admin/moderation/log`); the reporter gets `REPORT_OUTCOME`, a warned user a warning.
        - **Notifications.** `GET /api/v1/notifications` (`status=unread|all`, `type`, cursor), `…/unread-count`,
          `PATCH …/read-all`, `PATCH …/:id/read`, `DELETE …/:id` (dismiss), `GET|PATCH …/settings`
          (`{types: {NEW_CHAPTER: {inApp, email}}}`, both on by default). Publishing a chapter notifies the followers of
          its series' author who want new chapters: `chapter.published` in the outbox queues the first step of
          `engagement.new_chapter_fanout`; each step notifies the next `engagement.fanOutBatchSize` followers in id order
          and queues the step after them in the same transaction. The publish request never waits for it; a crash
          resumes from the last committed step once the job's lease ends, and `(user, chapter)` is unique, so nobody
          is told twice (publishing again after unpublishing included). Followers with a verified address and
          `NEW_CHAPTER.email` on also get an email, queued in the same step (unique per follower and chapter) and sent by
          one `mail.send_batch` job per step; it carries a signed one-click link, `List-Unsubscribe` and
          `List-Unsubscribe-Post` (RFC 8058). `POST /api/v1/notifications/unsubscribe?token=…` needs no sign-in and turns
          that type's email off, leaving the in-app choice.
        """;

    private EngagementGuide() {}
}
