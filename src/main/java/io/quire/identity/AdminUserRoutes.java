package io.quire.identity;

import io.quire.platform.auth.Authz;
import io.quire.platform.auth.Role;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.QueryParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** {@code /api/v1/admin/users}: ADMIN and above. */
public final class AdminUserRoutes {
  private final AdminUserService admin;

  AdminUserRoutes(AdminUserService admin) {
    this.admin = admin;
  }

  public void mount(Router router) {
    router.get("/api/v1/admin/users").handler(Authz.session()).handler(Authz.atLeast(Role.ADMIN)).handler(this::list);
    router.patch("/api/v1/admin/users/:userId").handler(Authz.session()).handler(Authz.atLeast(Role.ADMIN)).handler(this::update);
  }

  private void list(RoutingContext ctx) {
    String status = query(ctx, "status");
    String role = query(ctx, "role");
    if (status != null && !AdminUserService.STATUSES.contains(status)) {
      throw invalid("status", "must be one of " + AdminUserService.STATUSES);
    }
    if (role != null) {
      parseRole(role, "role");
    }
    int limit = QueryParams.limit(ctx);
    admin.list(status, role, lower(query(ctx, "email")), query(ctx, "cursor"), limit)
        .onSuccess(page -> Responses.list(ctx, page.data(), page.nextCursor())).onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    RequestBody body = RequestBody.of(ctx);
    String role = body.optionalString("role", 1, 20);
    String status = body.optionalString("status", 1, 30);
    String reason = body.optionalString("reason", 1, 500);
    if (status != null && !AdminUserService.STATUSES.contains(status)) {
      body.error("status", "must be one of " + AdminUserService.STATUSES);
    }
    if (("SUSPENDED".equals(status) || "BANNED".equals(status)) && reason == null) {
      body.error("reason", "is required to suspend or ban");
    }
    if (role == null && status == null) {
      body.error("role", "role or status is required");
    }
    Role parsedRole = null;
    if (role != null) {
      try {
        parsedRole = Role.valueOf(role);
      } catch (IllegalArgumentException e) {
        body.error("role", "must be one of READER, AUTHOR, COLLABORATOR, ADMIN, SUPER_ADMIN");
      }
    }
    body.validate();
    admin.update(Authz.require(ctx), PathParams.uuid(ctx, "userId", "user.not_found"),
            new AdminUserService.Change(parsedRole, status, reason))
        .onSuccess(user -> Responses.json(ctx, 200, user)).onFailure(ctx::fail);
  }

  private static Role parseRole(String value, String field) {
    try {
      return Role.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw invalid(field, "must be one of READER, AUTHOR, COLLABORATOR, ADMIN, SUPER_ADMIN");
    }
  }

  private static String query(RoutingContext ctx, String name) {
    List<String> values = ctx.queryParam(name);
    return values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase();
  }

  private static ApiException invalid(String field, String message) {
    return new ApiException.Validation("request.invalid", "Some query parameters are invalid.",
        List.of(new ApiException.FieldError(field, message)));
  }
}
