package io.quire.platform.text;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Line diffs and word/line statistics between two texts (java-diff-utils). */
public final class TextDiff {
    private TextDiff() {}

    /** Words and lines added and removed going from {@code before} to {@code after}. */
    public record Stats(int wordsAdded, int wordsRemoved, int linesAdded, int linesRemoved) {
        public JsonObject toJson() {
            return new JsonObject()
                    .put("wordsAdded", wordsAdded)
                    .put("wordsRemoved", wordsRemoved)
                    .put("linesAdded", linesAdded)
                    .put("linesRemoved", linesRemoved);
        }
    }

    public static Stats stats(String before, String after) {
        Patch<String> lines = DiffUtils.diff(lines(before), lines(after));
        Patch<String> words = DiffUtils.diff(words(before), words(after));
        int la = 0;
        int lr = 0;
        for (AbstractDelta<String> d : lines.getDeltas()) {
            la += d.getTarget().size();
            lr += d.getSource().size();
        }
        int wa = 0;
        int wr = 0;
        for (AbstractDelta<String> d : words.getDeltas()) {
            wa += d.getTarget().size();
            wr += d.getSource().size();
        }
        return new Stats(wa, wr, la, lr);
    }

    /** A unified diff with three lines of context. */
    public static String unified(String before, String after, String fromName, String toName) {
        List<String> a = lines(before);
        Patch<String> patch = DiffUtils.diff(a, lines(after));
        return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(fromName, toName, a, patch, 3));
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split("\r?\n", -1));
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String w : text.split("\\s+")) {
                if (!w.isEmpty()) {
                    out.add(w);
                }
            }
        }
        return out;
    }
}
