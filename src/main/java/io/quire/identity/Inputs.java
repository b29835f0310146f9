package io.quire.identity;

import io.quire.platform.http.RequestBody;
import java.util.Locale;
import java.util.regex.Pattern;

/** Field rules shared by identity's routes. */
final class Inputs {
  static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
  static final Pattern USERNAME = Pattern.compile("^[a-z0-9_]{3,30}$");

  private Inputs() {}

  /** Trimmed, lower-cased, shaped like an address. */
  static String email(RequestBody body, String field) {
    String raw = body.requiredString(field, 3, 254);
    String email = raw == null ? null : raw.toLowerCase(Locale.ROOT);
    return body.matching(field, email, EMAIL, "must be an email address");
  }

  /** Passwords are taken as typed: no trimming, only a length bound against abuse (policy checks the rest). */
  static String password(RequestBody body, String field) {
    return body.requiredString(field, 1, 1024) == null ? null : body.rawString(field);
  }
}
