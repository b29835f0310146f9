package io.quire.sites;

import io.quire.platform.auth.Authz;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** {@code /api/v1/sites/:siteId/collaborators} and {@code /api/v1/collaborator-invites}. */
public final class CollaboratorRoutes {
  private static final String BASE = "/api/v1/sites/:siteId/collaborators";
  private static final Set<String> ROLES = Set.of("EDITOR", "WRITER", "VIEWER");
  private static final Set<String> FLAGS = Set.of("publish");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
  private final CollaboratorService collaborators;

  public CollaboratorRoutes(CollaboratorService collaborators) {
    this.collaborators = collaborators;
  }

  public void mount(Router router) {
    router.get(BASE).handler(Authz.session()).handler(this::list);
    router.post(BASE).handler(Authz.session()).handler(this::invite);
    router.get(BASE + "/:collaboratorId").handler(Authz.session()).handler(this::get);
    router.patch(BASE + "/:collaboratorId").handler(Authz.session()).handler(this::update);
    router.delete(BASE + "/:collaboratorId").handler(Authz.session()).handler(this::remove);
    router.post(BASE + "/:collaboratorId/resend-invite").handler(Authz.session()).handler(this::resend);
    router.get("/api/v1/collaborator-invites").handler(Authz.session()).handler(this::mine);
    router.get("/api/v1/collaborator-invites/:token").handler(Authz.session()).handler(this::byToken);
    router.post("/api/v1/collaborator-invites/:token/accept").handler(Authz.session()).handler(this::accept);
    router.post("/api/v1/collaborator-invites/:token/decline").handler(Authz.session()).handler(this::decline);
  }

  private static UUID site(RoutingContext ctx) {
    return PathParams.uuid(ctx, "siteId", "site.not_found");
  }

  private static UUID id(RoutingContext ctx) {
    return PathParams.uuid(ctx, "collaboratorId", "collaborator.not_found");
  }

  private void list(RoutingContext ctx) {
    collaborators.list(Authz.require(ctx), site(ctx)).onSuccess(l -> Responses.list(ctx, l, null)).onFailure(ctx::fail);
  }

  private void invite(RoutingContext ctx) {
    RequestBody body = RequestBody.of(ctx);
    String raw = body.requiredString("email", 3, 254);
    String email = body.matching("email", raw == null ? null : raw.toLowerCase(), EMAIL, "must be an email address");
    String role = role(body, true);
    JsonObject permissions = permissions(body);
    body.validate();
    collaborators.invite(Authz.require(ctx), site(ctx), email, role, permissions)
        .onSuccess(c -> Responses.json(ctx, 201, c)).onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    collaborators.get(Authz.require(ctx), site(ctx), id(ctx)).onSuccess(c -> Responses.json(ctx, 200, c)).onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    RequestBody body = RequestBody.of(ctx);
    String role = role(body, false);
    JsonObject permissions = permissions(body);
    if (role == null && permissions == null) {
      body.error("role", "role or permissions is required");
    }
    body.validate();
    collaborators.update(Authz.require(ctx), site(ctx), id(ctx), role, permissions)
        .onSuccess(c -> Responses.json(ctx, 200, c)).onFailure(ctx::fail);
  }

  private void remove(RoutingContext ctx) {
    collaborators.remove(Authz.require(ctx), site(ctx), id(ctx)).onSuccess(v -> Responses.noContent(ctx)).onFailure(ctx::fail);
  }

  private void resend(RoutingContext ctx) {
    collaborators.resend(Authz.require(ctx), site(ctx), id(ctx)).onSuccess(c -> Responses.json(ctx, 200, c)).onFailure(ctx::fail);
  }

  private void mine(RoutingContext ctx) {
    collaborators.myInvitations(Authz.require(ctx)).onSuccess(l -> Responses.list(ctx, l, null)).onFailure(ctx::fail);
  }

  private void byToken(RoutingContext ctx) {
    collaborators.byToken(Authz.require(ctx), ctx.pathParam("token")).onSuccess(i -> Responses.json(ctx, 200, i)).onFailure(ctx::fail);
  }

  private void accept(RoutingContext ctx) {
    collaborators.accept(Authz.require(ctx), ctx.pathParam("token")).onSuccess(c -> Responses.json(ctx, 200, c)).onFailure(ctx::fail);
  }

  private void decline(RoutingContext ctx) {
    collaborators.decline(Authz.require(ctx), ctx.pathParam("token")).onSuccess(v -> Responses.noContent(ctx)).onFailure(ctx::fail);
  }

  private static String role(RequestBody body, boolean required) {
    String role = required ? body.requiredString("role", 1, 10) : body.optionalString("role", 1, 10);
    if (role != null && !ROLES.contains(role)) {
      return body.error("role", "must be EDITOR, WRITER or VIEWER");
    }
    return role;
  }

  /** Known flags with boolean values: {@code {"publish": true}}. */
  private static JsonObject permissions(RequestBody body) {
    JsonObject p = body.optionalObject("permissions", 10);
    if (p != null) {
      for (String key : p.fieldNames()) {
        if (!FLAGS.contains(key) || !(p.getValue(key) instanceof Boolean)) {
          return body.error("permissions", "known flags are " + FLAGS + ", each true or false");
        }
      }
    }
    return p;
  }
}
