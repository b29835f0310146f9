package io.quire.sites;

import io.quire.platform.auth.Authz;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.quire.platform.http.Revisions;
import io.quire.platform.text.Slugs;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@code /api/v1/sites/:siteId/pages}. */
public final class PageRoutes {
  private static final String BASE = "/api/v1/sites/:siteId/pages";
  private final PageService pages;

  public PageRoutes(PageService pages) {
    this.pages = pages;
  }

  public void mount(Router router) {
    router.get(BASE + "/by-slug/:slug").handler(ctx -> pages.publicBySlug(site(ctx), ctx.pathParam("slug").toLowerCase())
        .onSuccess(p -> Responses.publicJson(ctx, p)).onFailure(ctx::fail));
    router.patch(BASE + "/reorder").handler(Authz.authenticated()).handler(this::reorder);
    router.get(BASE).handler(Authz.authenticated()).handler(ctx -> pages.list(Authz.require(ctx), site(ctx))
        .onSuccess(l -> Responses.list(ctx, l, null)).onFailure(ctx::fail));
    router.post(BASE).handler(Authz.authenticated()).handler(this::create);
    router.get(BASE + "/:pageId").handler(Authz.authenticated()).handler(ctx -> send(ctx, 200, pages.get(Authz.require(ctx), site(ctx), page(ctx))));
    router.patch(BASE + "/:pageId").handler(Authz.authenticated()).handler(this::update);
    router.delete(BASE + "/:pageId").handler(Authz.authenticated()).handler(ctx -> pages.delete(Authz.require(ctx), site(ctx), page(ctx))
        .onSuccess(v -> Responses.noContent(ctx)).onFailure(ctx::fail));
    router.post(BASE + "/:pageId/publish").handler(Authz.authenticated())
        .handler(ctx -> send(ctx, 200, pages.publish(Authz.require(ctx), site(ctx), page(ctx), true)));
    router.post(BASE + "/:pageId/unpublish").handler(Authz.authenticated())
        .handler(ctx -> send(ctx, 200, pages.publish(Authz.require(ctx), site(ctx), page(ctx), false)));
    router.post(BASE + "/:pageId/duplicate").handler(Authz.authenticated())
        .handler(ctx -> send(ctx, 201, pages.duplicate(Authz.require(ctx), site(ctx), page(ctx))));
  }

  private static UUID site(RoutingContext ctx) {
    return PathParams.uuid(ctx, "siteId", "site.not_found");
  }

  private static UUID page(RoutingContext ctx) {
    return PathParams.uuid(ctx, "pageId", "page.not_found");
  }

  private static void send(RoutingContext ctx, int status, io.vertx.core.Future<JsonObject> page) {
    page.onSuccess(p -> {
      Revisions.setEtag(ctx, p.getLong("revision"));
      Responses.json(ctx, status, p);
    }).onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    RequestBody body = RequestBody.of(ctx);
    PageService.PageInput in = input(body, true);
    body.validate();
    send(ctx, 201, pages.create(Authz.require(ctx), site(ctx), in));
  }

  private void update(RoutingContext ctx) {
    RequestBody body = RequestBody.of(ctx);
    PageService.PageInput in = input(body, false);
    Long expected = Revisions.expected(ctx, body);
    body.validate();
    send(ctx, 200, pages.update(Authz.require(ctx), site(ctx), page(ctx), in, expected));
  }

  private void reorder(RoutingContext ctx) {
    RequestBody body = RequestBody.of(ctx);
    List<String> raw = body.optionalStrings("pageIds", 500, 36);
    if (raw == null || raw.isEmpty()) {
      // like the chapters' and tiers' reorders: an order of nothing is a mistake, not a no-op
      body.error("pageIds", "must list 1 to 500 page ids, every page of the site in the new order");
    }
    body.validate();
    List<UUID> ids = new ArrayList<>();
    for (String s : raw) {
      try {
        ids.add(UUID.fromString(s));
      } catch (IllegalArgumentException e) {
        throw new ApiException.Validation("request.invalid", "Some fields are invalid.",
            List.of(new ApiException.FieldError("pageIds", "'" + s + "' is not a page id")));
      }
    }
    pages.reorder(Authz.require(ctx), site(ctx), ids).onSuccess(l -> Responses.list(ctx, l, null)).onFailure(ctx::fail);
  }

  private static PageService.PageInput input(RequestBody body, boolean creating) {
    String title = creating ? body.requiredString("title", 1, 100) : body.optionalString("title", 1, 100);
    String content = body.optionalString("content", 0, 200_000) == null ? null : body.rawString("content");
    String slug = body.matching("slug", body.optionalString("slug", 1, Slugs.MAX_LENGTH), Slugs.VALID,
        "must be lower-case letters, digits and single hyphens");
    return new PageService.PageInput(title, content, slug, body.optionalBoolean("showInNav"), body.has("navLabel"),
        body.optionalString("navLabel", 1, 30));
  }
}
