package io.quire.analytics.ingest;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One accepted event as it will be written: validated fields plus what enrichment added. */
final class EventRow {
    UUID siteId;
    UUID eventId;
    EventType type;
    OffsetDateTime occurredAt;
    UUID seriesId;
    UUID chapterId;
    UUID userId;
    UUID visitorId;
    String sessionId;
    String anonymousId;
    String path;
    String referrer;
    String referrerHost;
    String utmSource;
    String utmMedium;
    String utmCampaign;
    String utmTerm;
    String utmContent;
    String deviceType;
    String browser;
    String browserVersion;
    String os;
    String osVersion;
    String screenSize;
    String country;
    Short percent;
    String properties;
    /** Set only by API-key collectors relaying a reader's request; used for enrichment, never stored. */
    String relayedUserAgent;

    String relayedIp;
}
