package org.groklab.train;

import java.util.Locale;

/** How a run ended; the definitions are in the README and {@link Events#outcome}. */
public enum Outcome {
    NO_LEARN, MEMORIZE_ONLY, GROK, DIRECT_GENERALIZE, DIVERGED, FAILED;

    /** The name used in files: lower case with dashes ("memorize-only"). */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
