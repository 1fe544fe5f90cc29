package org.groklab.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.groklab.cli.Main;
import org.junit.jupiter.api.Test;

/** "Did you mean" for misspelled commands, presets, keys, kinds and words. */
class SuggestionsTest {

    @Test
    void closestNameWithinAThirdOfTheWord() {
        assertEquals("train", Suggestions.closest("trian", List.of("train", "resume", "presets")));
        assertEquals("quick-modadd", Suggestions.closest("quick-modad", List.of("quick-modadd", "quick-parity")));
        assertNull(Suggestions.closest("zzzzzz", List.of("train", "resume")), "nothing close");
        assertNull(Suggestions.closest("train", List.of("train")), "an exact name needs no suggestion");
    }

    @Test
    void misspelledPresetKeyAndWordAreAnsweredWithTheNearestName() {
        SpecException preset = assertThrows(SpecException.class,
                () -> SpecLoader.load("pair-modad", null, List.of()));
        assertTrue(preset.getMessage().contains("did you mean pair-modadd?"), preset.getMessage());
        SpecException key = assertThrows(SpecException.class,
                () -> SpecLoader.load("quick-modadd", null, List.of("task.train_fracton=0.3")));
        assertTrue(key.getMessage().contains("did you mean task.train_fraction?"), key.getMessage());
        SpecException word = assertThrows(SpecException.class,
                () -> SpecLoader.load("quick-modadd", null, List.of("optimizer.type=adamww")));
        assertEquals("optimizer.type: one of sgd, adam, adamw; got adamww (did you mean adamw?)", word.getMessage());
        SpecException kind = assertThrows(SpecException.class,
                () -> SpecLoader.load(null, null, List.of("task.type=partiy")));
        assertTrue(kind.getMessage().contains("did you mean parity?"), kind.getMessage());
    }

    @Test
    void aMisspelledCommandSuggestsTheCommand() {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"trian"}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(2, code);
        assertTrue(err.toString().contains("did you mean train"), err.toString());
    }
}
