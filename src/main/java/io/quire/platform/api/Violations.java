package io.quire.platform.api;

import io.quire.platform.http.ApiException;
import java.util.ArrayList;
import java.util.List;

/** The field errors of one request, thrown together as one {@code 422 request.invalid}. */
public final class Violations {
    private final List<ApiException.FieldError> errors = new ArrayList<>();

    /** Records {@code message} for {@code field}; returns null so a check can {@code return violations.add(…)}. */
    public <T> T add(String field, String message) {
        errors.add(new ApiException.FieldError(field, message));
        return null;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public void throwIfAny(String detail) {
        if (!errors.isEmpty()) {
            throw new ApiException.Validation("request.invalid", detail, List.copyOf(errors));
        }
    }
}
