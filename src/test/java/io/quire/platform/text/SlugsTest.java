package io.quire.platform.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlugsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Chapter One: Départ|chapter-one-depart",
                "Straße & Smørrebrød|strasse-and-smorrebrod",
                "  --Hello,   World!!--  |hello-world",
                "Łódź Œuvre Æon|lodz-oeuvre-aeon",
                "第一章|chapter",
                "|chapter",
            })
    void titlesBecomeAsciiSlugs(String title, String slug) {
        assertEquals(slug, Slugs.from(title, "chapter"));
    }

    @Test
    void longTitlesAreCutAtAWordBoundaryWithinTheLimit() {
        String slug = Slugs.from("word ".repeat(40), "x");
        assertTrue(
                slug.length() <= Slugs.MAX_LENGTH
                        && !slug.endsWith("-")
                        && Slugs.VALID.matcher(slug).matches(),
                slug);
    }

    @Test
    void clashesGetNumberedSuffixes() {
        assertEquals("intro", Slugs.unique("intro", Set.of()));
        assertEquals("intro-2", Slugs.unique("intro", Set.of("intro")));
        assertEquals("intro-4", Slugs.unique("intro", Set.of("intro", "intro-2", "intro-3")));
    }
}
