package io.quire.engagement.notifications;

import java.util.List;

/** The notification types and whether each goes to the app and by email unless the user says otherwise. */
public final class NotificationTypes {
    private NotificationTypes() {}

    public static final String NEW_CHAPTER = "NEW_CHAPTER";

    /** Every type a user may see or configure; later features (replies, reviews, reports, payments) add theirs. */
    public static final List<String> ALL = List.of(
            NEW_CHAPTER,
            "COMMENT_REPLY",
            "REACTION_MILESTONE",
            "REVIEW_RESPONSE",
            "REPORT_OUTCOME",
            "PAYMENT",
            "SUBSCRIPTION");
}
