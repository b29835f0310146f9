package io.quire.cli;

import java.util.List;

/** The prose of the demo chapters: paragraphs separated by blank lines, as authors write them. */
final class DemoText {
    private static final List<String> OPENINGS = List.of(
            "The letters came on Tuesdays, tied with string the colour of weak tea.",
            "Nobody in Harrow Lane admitted to writing the second letter.",
            "The archive's basement smelled of rain, though it had not rained in weeks.",
            "Ines counted the stamps twice and still came up one short.",
            "By the time the lantern went out, the last letter had already been read.");
    private static final List<String> MIDDLES = List.of(
            "She sorted them by postmark, then by hand, then by the way the ink had faded.",
            "Each envelope had been opened once before, carefully, and sealed again with wax.",
            "The keeper of lost letters was not supposed to read them. Everyone knew she did.",
            "Somewhere below, a drawer slid shut on its own.");

    private DemoText() {}

    /** Five paragraphs for chapter {@code number} (1-based): enough that a two-paragraph preview hides the rest. */
    static String chapter(int number) {
        String opening = OPENINGS.get((number - 1) % OPENINGS.size());
        StringBuilder text = new StringBuilder(opening);
        for (int i = 0; i < MIDDLES.size(); i++) {
            text.append("\n\n").append(MIDDLES.get((number + i) % MIDDLES.size()));
        }
        return text.append("\n\nEnd of chapter ").append(number).append('.').toString();
    }
}
