package io.quire.analytics.ingest;

import io.quire.platform.auth.Principal;
import io.quire.platform.bus.RequestAddress;
import io.vertx.core.buffer.Buffer;
import java.util.UUID;

/**
 * What the HTTP verticle hands the ingest verticle: the raw body and the few request facts the ingest verticle
 * needs. The client address travels only this far: it is hashed into a visitor id there and never stored.
 *
 * @param key       the public ingest key from the {@code X-Quire-Key} header or {@code key} query parameter, or null
 * @param siteId    the {@code siteId} query parameter, or null
 * @param principal the signed-in reader or the API key, or null
 * @param country   the trusted proxy's country header, when one is configured and present
 */
public record IngestRequest(
        Buffer body,
        String contentType,
        String key,
        UUID siteId,
        Principal principal,
        String clientIp,
        String userAgent,
        String country) {
    public static final RequestAddress<IngestRequest, IngestReply> ADDRESS =
            RequestAddress.of("quire.ingest.events", IngestRequest.class, IngestReply.class);
}
