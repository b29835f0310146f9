package io.quire.analytics.ingest;

import java.util.HashMap;
import java.util.Map;

/** The §9.1 event types a collector may send. */
public enum EventType {
    PAGE_VIEW,
    CHAPTER_START,
    CHAPTER_PROGRESS,
    CHAPTER_COMPLETE,
    SERIES_VIEW,
    SUBSCRIPTION_VIEW,
    SUBSCRIPTION_START,
    SUBSCRIPTION_CANCEL,
    PAYMENT,
    SIGNUP,
    LOGIN,
    SEARCH,
    SHARE;

    private static final Map<String, EventType> BY_NAME = new HashMap<>();

    static {
        for (EventType t : values()) {
            BY_NAME.put(t.name(), t);
        }
    }

    /** The type named exactly {@code name}, or null (no exception on the hot path). */
    public static EventType named(String name) {
        return name == null ? null : BY_NAME.get(name);
    }
}
