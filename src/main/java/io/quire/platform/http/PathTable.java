package io.quire.platform.http;

import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Values looked up by request path before routing (body limits, rate classes): route templates with
 * {@code :name} or {@code {name}} segments matching one path segment, or a trailing {@code *} matching everything
 * below. The first entry that matches wins, so more specific templates go first.
 */
public final class PathTable<T> {
    private record Entry<T>(HttpMethod method, Pattern path, T value) {}

    private final List<Entry<T>> entries = new ArrayList<>();

    /** {@code method} null matches every method. */
    public PathTable<T> add(HttpMethod method, String template, T value) {
        boolean prefix = template.endsWith("*");
        String base = prefix ? template.substring(0, template.length() - 1) : template;
        List<String> segments = new ArrayList<>();
        for (String segment : base.split("/", -1)) {
            boolean param = segment.startsWith(":") || segment.startsWith("{") && segment.endsWith("}");
            segments.add(param ? "[^/]+" : Pattern.quote(segment));
        }
        entries.add(new Entry<>(method, Pattern.compile(String.join("/", segments) + (prefix ? ".*" : "")), value));
        return this;
    }

    /** The first matching entry's value, or null. */
    public T find(HttpMethod method, String path) {
        for (Entry<T> e : entries) {
            if ((e.method == null || e.method.equals(method))
                    && e.path.matcher(path).matches()) {
                return e.value;
            }
        }
        return null;
    }
}
