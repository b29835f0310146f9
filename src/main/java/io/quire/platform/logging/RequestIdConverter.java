package io.quire.platform.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %requestId} in a Logback pattern: the id of the request being handled, or "-". */
public final class RequestIdConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        String id = RequestIds.current();
        return id == null ? "-" : id;
    }
}
