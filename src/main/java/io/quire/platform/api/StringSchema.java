package io.quire.platform.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** A string: length (after trimming, unless {@link #raw}), pattern, format and allowed values. */
public final class StringSchema implements Schema {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
    private Integer min;
    private Integer max;
    private Pattern pattern;
    private String rule;
    private String format;
    private List<String> values;
    private boolean raw;
    private java.util.function.Predicate<String> test;
    private String testMessage;
    private String description;
    private Object example;

    /** {@code min} to {@code max} characters. */
    public StringSchema length(int min, int max) {
        this.min = min;
        this.max = max;
        return this;
    }

    /** Must match {@code regex}; {@code rule} says so in words, in the 422 ("must be lower-case letters …"). */
    public StringSchema pattern(String regex, String rule) {
        this.pattern = Pattern.compile(regex);
        this.rule = rule;
        return this;
    }

    /** {@code uuid}, {@code email}, {@code date}, {@code date-time} and {@code uri} are checked; others are documented. */
    public StringSchema format(String format) {
        this.format = format;
        return this;
    }

    /** A rule JSON Schema cannot say (a time zone that exists, a domain or nothing): {@code message} when it fails. */
    public StringSchema rule(java.util.function.Predicate<String> test, String message) {
        this.test = test;
        this.testMessage = message;
        return this;
    }

    public StringSchema oneOf(String... allowed) {
        this.values = List.of(allowed);
        return this;
    }

    public <E extends Enum<E>> StringSchema oneOf(Class<E> type) {
        this.values =
                java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        return this;
    }

    /** Kept exactly as sent (passwords, Markdown): no trimming before the checks or after. */
    public StringSchema raw() {
        this.raw = true;
        return this;
    }

    public StringSchema description(String description) {
        this.description = description;
        return this;
    }

    public StringSchema example(Object example) {
        this.example = example;
        return this;
    }

    @Override
    public Object check(String field, Object value, Violations violations) {
        if (!(value instanceof String s)) {
            return violations.add(field, "must be a string");
        }
        String v = raw ? s : s.strip();
        if (min != null && (v.length() < min || v.length() > max)) {
            return violations.add(
                    field,
                    min.equals(max)
                            ? "must be " + min + " characters"
                            : "must be " + min + " to " + max + " characters");
        }
        if (values != null && !values.contains(v)) {
            return violations.add(field, "must be one of " + String.join(", ", values));
        }
        if (pattern != null && !pattern.matcher(v).matches()) {
            return violations.add(field, rule);
        }
        if (format != null) {
            String problem = formatProblem(v);
            if (problem != null) {
                return violations.add(field, problem);
            }
        }
        if (test != null && !test.test(v)) {
            return violations.add(field, testMessage);
        }
        return v;
    }

    private String formatProblem(String v) {
        switch (format) {
            case "uuid" -> {
                try {
                    UUID.fromString(v);
                    return v.length() == 36 ? null : "must be a UUID";
                } catch (IllegalArgumentException e) {
                    return "must be a UUID";
                }
            }
            case "email" -> {
                return EMAIL.matcher(v).matches() ? null : "must be an email address";
            }
            case "date-time" -> {
                try {
                    java.time.OffsetDateTime.parse(v);
                    return null;
                } catch (java.time.format.DateTimeParseException e) {
                    return "must be an ISO-8601 date-time with an offset, like 2026-01-31T09:00:00Z";
                }
            }
            case "date" -> {
                try {
                    java.time.LocalDate.parse(v);
                    return null;
                } catch (java.time.format.DateTimeParseException e) {
                    return "must be a date, like 2026-01-31";
                }
            }
            case "uri" -> {
                try {
                    java.net.URI uri = new java.net.URI(v);
                    return uri.isAbsolute()
                                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                                    && uri.getHost() != null
                            ? null
                            : "must be an http(s) URL";
                } catch (java.net.URISyntaxException e) {
                    return "must be an http(s) URL";
                }
            }
            default -> {
                return null;
            }
        }
    }

    @Override
    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("type", "string");
        if (min != null) {
            json.put("minLength", min).put("maxLength", max);
        }
        if (pattern != null) {
            // JSON Schema patterns match anywhere; Java's matches() the whole string: anchor it so both say the same
            String p = pattern.pattern();
            json.put("pattern", p.startsWith("^") && p.endsWith("$") ? p : "^(?:" + p + ")$");
        }
        if (format != null) {
            json.put("format", format);
        }
        if (values != null) {
            json.put("enum", new JsonArray(new java.util.ArrayList<>(values)));
        }
        if (description != null) {
            json.put("description", description);
        }
        if (example != null) {
            json.put("examples", new JsonArray().add(example));
        }
        return json;
    }
}
