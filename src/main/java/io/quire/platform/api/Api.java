package io.quire.platform.api;

import io.quire.platform.http.BodyLimits;
import io.quire.platform.http.PathTable;
import io.quire.platform.http.RequestBody;
import io.quire.platform.ratelimit.RouteClass;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The endpoints of one router, each added once with {@link #on}: that mounts its route (access check, then
 * query and body validation, then the handler), registers its body limit and rate class, and keeps the
 * declaration for {@code /openapi.json}. Routes are tried in the order they are added.
 */
public final class Api {
    private final Router router;
    private final BodyLimits bodyLimits;
    private final PathTable<RouteClass> routeClasses;
    private final List<Endpoint> endpoints = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final Map<String, Schema> components = new TreeMap<>();
    private final Map<String, String> tagGuides = new TreeMap<>();

    public Api(Router router, BodyLimits bodyLimits, PathTable<RouteClass> routeClasses) {
        this.router = router;
        this.bodyLimits = bodyLimits;
        this.routeClasses = routeClasses;
    }

    /** Declares {@code endpoint}, answered by {@code handler}. */
    public void on(Endpoint endpoint, Function<Call, Future<Reply>> handler) {
        route(endpoint).handler(ctx -> {
            Call call = new Call(ctx, body(ctx, endpoint));
            handler.apply(call).onSuccess(reply -> reply.send(ctx)).onFailure(ctx::fail);
        });
    }

    /**
     * Declares an endpoint answered by a Vert.x handler of its own: one whose answer is not one JSON reply (a stream,
     * a file, a redirect), or one that still reads and checks its query and body itself ({@code RequestBody},
     * {@code QueryParams}), so that its own codes ({@code analytics.invalid_range}) and every field error in one 422
     * stay as they were. Only the access check runs first; the declared parameters and body document the handler's
     * rules, and the fuzz test holds the two together.
     */
    public void raw(Endpoint endpoint, Handler<RoutingContext> handler) {
        route(endpoint).handler(handler);
    }

    /** The endpoint's route, registered and guarded; the caller adds the handler. */
    private Route route(Endpoint endpoint) {
        register(endpoint);
        Route route = router.route(endpoint.method(), endpoint.routerPath());
        Handler<RoutingContext> guard = endpoint.access.guard();
        if (guard != null) {
            route.handler(guard);
        }
        return route;
    }

    private void register(Endpoint endpoint) {
        if (endpoint.operationId == null
                || endpoint.summary == null
                || endpoint.tags.isEmpty()
                || endpoint.successes.isEmpty()) {
            throw new IllegalStateException(endpoint + " needs an id, a summary, a tag and a success answer");
        }
        if (!seen.add(endpoint.method() + " " + endpoint.routerPath().replaceAll(":[A-Za-z0-9_]+", ":"))
                || !seen.add("#" + endpoint.operationId)) {
            throw new IllegalStateException(endpoint + " (" + endpoint.operationId + ") is declared twice");
        }
        endpoints.add(endpoint);
        // only where the declaration differs from what the path says: every /api request looks its class up before
        // routing, and a short table keeps that scan off the read path
        if (endpoint.routeClass() != RouteClass.of(endpoint.method(), endpoint.path())) {
            routeClasses.add(endpoint.method(), endpoint.path(), endpoint.routeClass());
        }
        if (endpoint.bodyLimit != null) {
            bodyLimits.override(endpoint.path(), endpoint.bodyLimit);
        }
    }

    /** A shared response shape, referred to as {@code Schema.ref(name)}; declaring one twice keeps the first. */
    public Api component(String name, Schema schema) {
        components.putIfAbsent(name, schema);
        return this;
    }

    /** A tag's guide (Markdown): what its endpoints share, shown by {@code /docs} above them. */
    public Api tag(String name, String guide) {
        tagGuides.put(name, guide);
        return this;
    }

    /** Every tag the endpoints use, in order of first use, with its guide where one is given. */
    public io.vertx.core.json.JsonArray tags() {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        endpoints.forEach(e -> names.addAll(e.tags));
        io.vertx.core.json.JsonArray out = new io.vertx.core.json.JsonArray();
        for (String name : names) {
            JsonObject tag = new JsonObject().put("name", name);
            if (tagGuides.containsKey(name)) {
                tag.put("description", tagGuides.get(name));
            }
            out.add(tag);
        }
        return out;
    }

    /** The shared shapes, for the document's {@code components.schemas}. */
    public JsonObject components() {
        JsonObject out = new JsonObject();
        components.forEach((name, schema) -> out.put(name, schema.toJson()));
        return out;
    }

    /** Everything declared so far, in order. */
    public List<Endpoint> endpoints() {
        return List.copyOf(endpoints);
    }

    /** Checks the declared query parameters, then the body; every violation goes into one 422. */
    private static JsonObject body(RoutingContext ctx, Endpoint endpoint) {
        QueryChecks.check(ctx, endpoint);
        if (endpoint.body == null) {
            return new JsonObject();
        }
        // no body at all reads as length -1, an empty one as 0
        boolean empty = ctx.body() == null || ctx.body().length() <= 0;
        Object parsed = empty && endpoint.bodyOptional ? new JsonObject() : RequestBody.object(ctx);
        Violations violations = new Violations();
        Object checked = endpoint.body.check(null, parsed, violations);
        violations.throwIfAny("Some fields are invalid.");
        return (JsonObject) checked;
    }
}
