package io.quire.platform.http;

/** RFC 4180 fields, with spreadsheet formula injection defused (a leading = + - @ is quoted behind an apostrophe). */
public final class Csv {
    private Csv() {}

    public static String field(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (value instanceof String && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /** One record: the values as fields, comma-separated, ending the line. Times print as ISO-8601 through {@code toString}. */
    public static String line(Object... values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(values[i]));
        }
        return out.append('\n').toString();
    }
}
