package io.quire.engagement.lists;

import static io.quire.platform.api.Schema.anyObject;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.number;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Schema;
import io.quire.platform.auth.Authz;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/** {@code GET|PATCH /reader/settings}: how a reader likes to read, kept for every device. */
public final class ReaderSettingsRoutes {
    static final JsonObject DEFAULTS = new JsonObject()
            .put("theme", "light")
            .put("fontFamily", "serif")
            .put("fontSize", 18)
            .put("lineHeight", 1.6)
            .put("textAlign", "left")
            .put("showAuthorNotes", true)
            .put("hideSpoilers", true);
    static final String READ = "SELECT settings FROM reader_settings WHERE user_id = $1";
    static final String SAVE = """
      INSERT INTO reader_settings AS s (user_id, settings) VALUES ($1, $2)
      ON CONFLICT (user_id) DO UPDATE SET settings = s.settings || EXCLUDED.settings RETURNING settings
      """;
    private final Pool pool;

    public ReaderSettingsRoutes(Pool pool) {
        this.pool = pool;
    }

    public void mount(Api api) {
        components(api);
        api.raw(
                Endpoint.get("/api/v1/reader/settings")
                        .id("getReaderSettings")
                        .tag("engagement")
                        .summary("My reading settings, over the defaults")
                        .access(Access.session())
                        .ok(200, ref("Settings"), "OK"),
                ctx -> pool.preparedQuery(READ)
                        .execute(Tuple.of(Authz.require(ctx).userId()))
                        .onSuccess(rows -> Responses.json(
                                ctx,
                                200,
                                DEFAULTS.copy()
                                        .mergeIn(
                                                rows.size() == 0
                                                        ? new JsonObject()
                                                        : rows.iterator().next().getJsonObject("settings"))))
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.patch("/api/v1/reader/settings")
                        .id("updateReaderSettings")
                        .tag("engagement")
                        .summary("Change some reading settings")
                        .access(Access.session())
                        .body(anyObject())
                        .ok(200, ref("Settings"), "OK"),
                ctx -> {
                    RequestBody body = RequestBody.of(ctx);
                    JsonObject changes = new JsonObject();
                    String theme = body.optionalString("theme", 1, 10);
                    if (theme != null && !List.of("light", "dark", "sepia").contains(theme)) {
                        body.error("theme", "must be light, dark or sepia");
                    }
                    String font = body.optionalString("fontFamily", 1, 10);
                    if (font != null && !List.of("serif", "sans", "mono").contains(font)) {
                        body.error("fontFamily", "must be serif, sans or mono");
                    }
                    String align = body.optionalString("textAlign", 1, 10);
                    if (align != null && !List.of("left", "justify").contains(align)) {
                        body.error("textAlign", "must be left or justify");
                    }
                    Integer size = body.optionalInteger("fontSize", 10, 40);
                    Double lineHeight = body.optionalNumber("lineHeight", 1, 3);
                    Boolean notes = body.optionalBoolean("showAuthorNotes");
                    Boolean spoilers = body.optionalBoolean("hideSpoilers");
                    body.validate();
                    putIf(changes, "theme", theme);
                    putIf(changes, "fontFamily", font);
                    putIf(changes, "textAlign", align);
                    putIf(changes, "fontSize", size);
                    putIf(changes, "lineHeight", lineHeight);
                    putIf(changes, "showAuthorNotes", notes);
                    putIf(changes, "hideSpoilers", spoilers);
                    pool.preparedQuery(SAVE)
                            .execute(Tuple.of(Authz.require(ctx).userId(), changes))
                            .onSuccess(rows -> Responses.json(
                                    ctx,
                                    200,
                                    DEFAULTS.copy()
                                            .mergeIn(rows.iterator().next().getJsonObject("settings"))))
                            .onFailure(ctx::fail);
                });
    }

    private static void putIf(JsonObject o, String key, Object value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    /** The shapes this feature's answers share, as {@code #/components/schemas}. */
    private static void components(Api api) {
        api.component(
                "Settings",
                object().optional("theme", string().oneOf("light", "dark", "sepia"))
                        .optional("fontFamily", string().oneOf("serif", "sans", "mono"))
                        .optional("fontSize", integer().range(10, 40))
                        .optional("lineHeight", number().range(1, 3))
                        .optional("textAlign", string().oneOf("left", "justify"))
                        .optional("showAuthorNotes", Schema.bool())
                        .optional("hideSpoilers", Schema.bool()));
    }
}
