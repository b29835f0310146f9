package io.quire.platform.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per line for log shippers: time, level, logger, thread, message, the request id (read from
 * the Vert.x context, which Logback's MDC cannot see) and SLF4J key-value pairs as top-level fields.
 */
public final class JsonLayout extends LayoutBase<ILoggingEvent> {
    @Override
    public String doLayout(ILoggingEvent event) {
        JsonObject line = new JsonObject()
                .put("ts", Instant.ofEpochMilli(event.getTimeStamp()).toString())
                .put("level", event.getLevel().toString())
                .put("logger", event.getLoggerName())
                .put("thread", event.getThreadName())
                .put("msg", event.getFormattedMessage());
        String requestId = RequestIds.current();
        if (requestId != null) {
            line.put("requestId", requestId);
        }
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair kv : event.getKeyValuePairs()) {
                line.put(
                        kv.key,
                        kv.value instanceof Number || kv.value instanceof Boolean
                                ? kv.value
                                : String.valueOf(kv.value));
            }
        }
        if (event.getThrowableProxy() != null) {
            line.put("error", ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        return line.encode() + CoreConstants.LINE_SEPARATOR;
    }
}
