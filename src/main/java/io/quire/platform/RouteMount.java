package io.quire.platform;

import io.vertx.ext.web.Router;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;

/** Mounts routes on an HTTP verticle's router, with that verticle's clients. */
@FunctionalInterface
public interface RouteMount {
    void mount(Router router, Pool pool, Redis redis);
}
