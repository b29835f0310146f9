package io.quire.analytics.reports;

/** RFC 4180 fields, with spreadsheet formula injection defused (a leading = + - @ is quoted behind an apostrophe). */
final class Csv {
  private Csv() {}

  static String field(Object value) {
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
}
