package io.quire.engagement.lists;

import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.number;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.ObjectSchema;
import io.quire.platform.api.Reply;
import io.quire.platform.api.Schema;

/** {@code GET|PATCH /reader/settings}: how a reader likes to read, kept for every device. */
public final class ReaderSettingsRoutes {
    private static final ObjectSchema SETTINGS = object().optional("theme", string().oneOf("light", "dark", "sepia"))
            .optional("fontFamily", string().oneOf("serif", "sans", "mono"))
            .optional("fontSize", integer().range(10, 40))
            .optional("lineHeight", number().range(1, 3))
            .optional("textAlign", string().oneOf("left", "justify"))
            .optional("showAuthorNotes", Schema.bool())
            .optional("hideSpoilers", Schema.bool());
    private final ReaderSettings settings;

    public ReaderSettingsRoutes(ReaderSettings settings) {
        this.settings = settings;
    }

    public void mount(Api api) {
        api.component("ReaderSettings", SETTINGS);
        api.on(
                Endpoint.get("/api/v1/reader/settings")
                        .id("getReaderSettings")
                        .tag("engagement")
                        .summary("My reading settings, over the defaults")
                        .access(Access.session())
                        .ok(ref("ReaderSettings")),
                call -> settings.of(call.user().userId()).map(Reply::ok));
        api.on(
                Endpoint.patch("/api/v1/reader/settings")
                        .id("updateReaderSettings")
                        .tag("engagement")
                        .summary("Change some reading settings")
                        .description("Only what is sent changes; the answer is every setting.")
                        .access(Access.session())
                        .body(SETTINGS)
                        .ok(ref("ReaderSettings")),
                call -> settings.change(call.user().userId(), call.body()).map(Reply::ok));
    }
}
