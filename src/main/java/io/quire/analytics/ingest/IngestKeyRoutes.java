package io.quire.analytics.ingest;

import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;
import static io.quire.platform.api.Schema.uuid;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Reply;

/** A site's public ingest key for its managers: read and rotate ({@link IngestKeys}). */
public final class IngestKeyRoutes {
    private final IngestKeys keys;

    public IngestKeyRoutes(IngestKeys keys) {
        this.keys = keys;
    }

    public void mount(Api api) {
        api.component(
                "IngestKey",
                object().required("siteId", uuid())
                        .required("ingestKey", string().description("qpk_…: public, ships in pages"))
                        .required(
                                "previousKey",
                                nullable(string().description("Still accepted until previousKeyValidUntil")))
                        .required("previousKeyValidUntil", nullable(string().format("date-time"))));
        api.on(
                Endpoint.get("/api/v1/sites/{siteId}/analytics/ingest-key")
                        .id("getIngestKey")
                        .tag("analytics")
                        .summary("The site's public ingest key (owner, editors)")
                        .access(Access.signedIn())
                        .ok(ref("IngestKey"))
                        .problems(403),
                call -> keys.of(call.user(), call.id("siteId", "site.not_found"))
                        .map(Reply::ok));
        api.on(
                Endpoint.post("/api/v1/sites/{siteId}/analytics/ingest-key/rotate")
                        .id("rotateIngestKey")
                        .tag("analytics")
                        .summary("A new ingest key; the previous one keeps working for analytics.keyGraceHours")
                        .access(Access.signedIn())
                        .ok(ref("IngestKey"))
                        .problems(403),
                call -> keys.rotate(call.user(), call.id("siteId", "site.not_found"))
                        .map(Reply::ok));
    }
}
