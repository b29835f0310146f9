package io.quire.engagement.reactions;

import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Reply;
import io.quire.platform.api.Schema;

/** §11.4 reactions on chapters and comments: counts (and mine), react, take back. */
public final class ReactionRoutes {
    private static final String TAG = "engagement";
    private final ReactionService reactions;

    public ReactionRoutes(ReactionService reactions) {
        this.reactions = reactions;
    }

    public void mount(Api api) {
        api.component(
                "Reactions",
                object().required("counts", Schema.anyObject().description("Count per type"))
                        .required("total", integer())
                        .optional("mine", array(type()).description("Signed in: the types I reacted with")));
        mount(api, "chapters", "chapterId", "chapter", "Chapter");
        mount(api, "comments", "commentId", "comment", "Comment");
    }

    private void mount(Api api, String collection, String param, String targetType, String noun) {
        String path = "/api/v1/" + collection + "/{" + param + "}/reactions";
        String notFound = targetType + ".not_found";
        api.on(
                Endpoint.get(path)
                        .id("get" + noun + "Reactions")
                        .tag(TAG)
                        .summary("Reaction counts per type (cached up to 2 s), and mine when signed in")
                        .ok(ref("Reactions")),
                call -> reactions
                        .summary(call.caller(), targetType, call.id(param, notFound))
                        .map(Reply::ok));
        Schema added = Schema.allOf(
                ref("Reactions"), object().required("added", Schema.bool()).required("type", type()));
        api.on(
                Endpoint.post(path)
                        .id("react" + noun)
                        .tag(TAG)
                        .summary("React (one per type; 201 added, 200 already there); counts in the answer are fresh")
                        .access(Access.session())
                        .body(object().required("type", type()))
                        .ok(201, added, "Added")
                        .ok(200, added, "Already there"),
                call -> reactions
                        .add(
                                call.user(),
                                targetType,
                                call.id(param, notFound),
                                call.body().getString("type"))
                        .map(s -> Reply.json(s.getBoolean("added") ? 201 : 200, s)));
        api.on(
                Endpoint.delete(path)
                        .id("unreact" + noun)
                        .tag(TAG)
                        .summary("Take a reaction back")
                        .access(Access.session())
                        .query("type", type(), "The type to take back (required)")
                        .ok(Schema.allOf(ref("Reactions"), object().required("removed", Schema.bool())))
                        .problems(422),
                call -> reactions
                        .remove(call.user(), targetType, call.id(param, notFound), requiredType(call))
                        .map(Reply::ok));
    }

    private static io.quire.platform.api.StringSchema type() {
        return string().oneOf(ReactionService.TYPES.toArray(String[]::new));
    }

    private static String requiredType(io.quire.platform.api.Call call) {
        String type = call.query("type");
        if (type == null) {
            io.quire.platform.api.Violations v = new io.quire.platform.api.Violations();
            v.add("type", "must be one of " + ReactionService.TYPES);
            v.throwIfAny("Some query parameters are invalid.");
        }
        return type;
    }
}
