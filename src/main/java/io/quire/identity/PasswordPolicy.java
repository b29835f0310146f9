package io.quire.identity;

import io.quire.platform.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.Configuration;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryBuilder;
import me.gosimple.nbvcxz.scoring.Result;

/**
 * Length 10–256 and a zxcvbn-style strength estimate (nbvcxz) that also treats the account's own email,
 * username and name as guessable words. Estimation scans dictionaries, so it runs on a worker thread.
 */
final class PasswordPolicy {
    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 256;

    private final Vertx vertx;

    PasswordPolicy(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Fails with 422 on {@code field} when the password is too short, too long or too guessable. */
    Future<Void> check(String field, String password, String... personalWords) {
        if (password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            return Future.failedFuture(invalid(field, "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters"));
        }
        return vertx.executeBlocking(() -> estimate(password, personalWords), false)
                .compose(result -> {
                    if (result.isMinimumEntropyMet()) {
                        return Future.succeededFuture();
                    }
                    String hint = result.getFeedback() == null
                                    || result.getFeedback().getWarning() == null
                            ? "is too easy to guess; use a longer phrase of unrelated words"
                            : "is too easy to guess: " + result.getFeedback().getWarning();
                    return Future.failedFuture(invalid(field, hint));
                });
    }

    private static Result estimate(String password, String... personalWords) {
        List<String> words = new ArrayList<>();
        for (String w : personalWords) {
            if (w != null && !w.isBlank()) {
                words.add(w.toLowerCase());
                words.addAll(List.of(w.toLowerCase().split("[^a-z0-9]+")));
            }
        }
        words.removeIf(w -> w.length() < 3);
        DictionaryBuilder personal =
                new DictionaryBuilder().setDictionaryName("personal").setExclusion(true);
        // rank 1: the most guessable a word can be
        words.stream().filter(Objects::nonNull).distinct().forEach(w -> personal.addWord(w, 1));
        Dictionary dictionary = personal.createDictionary();
        Configuration configuration = new ConfigurationBuilder()
                .setDictionaries(withDefaults(dictionary))
                .createConfiguration();
        return new Nbvcxz(configuration).estimate(password);
    }

    private static List<Dictionary> withDefaults(Dictionary personal) {
        List<Dictionary> all = new ArrayList<>(ConfigurationBuilder.getDefaultDictionaries());
        all.add(personal);
        return all;
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException.Validation(
                "auth.weak_password",
                "The password is not acceptable.",
                List.of(new ApiException.FieldError(field, message)));
    }
}
