package io.quire.platform.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The methods the router has for a path: the {@code Allow} header of a 405. */
final class AllowedMethods {
    private AllowedMethods() {}

    static Set<String> forPath(Router router, String path) {
        Set<String> allowed = new TreeSet<>();
        for (Route route : router.getRoutes()) {
            if (route.getPath() == null
                    || route.methods() == null
                    || route.methods().isEmpty()) {
                continue;
            }
            if (matches(route, path)) {
                for (HttpMethod m : route.methods()) {
                    allowed.add(m.name());
                }
            }
        }
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        allowed.add("OPTIONS");
        return allowed;
    }

    private static boolean matches(Route route, String path) {
        String template = route.getPath();
        if (!route.isExactPath()) {
            return path.startsWith(template);
        }
        if (!template.contains(":")) {
            return template.equals(path) || (template + "/").equals(path);
        }
        String regex = Pattern.quote(template).replaceAll(":[A-Za-z0-9_]+", "\\\\E[^/]+\\\\Q");
        return Pattern.matches(regex, path);
    }
}
