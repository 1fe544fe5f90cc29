package org.groklab.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The words a spec file uses for the constants of an enum: their {@code @JsonProperty} name, else lower case. */
public final class Words {
    private Words() {
    }

    public static String of(Enum<?> e) {
        try {
            JsonProperty p = e.getDeclaringClass().getField(e.name()).getAnnotation(JsonProperty.class);
            return p != null ? p.value() : e.name().toLowerCase(Locale.ROOT);
        } catch (NoSuchFieldException x) {
            throw new IllegalStateException(x);
        }
    }

    public static List<String> all(Class<?> type) {
        List<String> out = new ArrayList<>();
        for (Object c : type.getEnumConstants()) {
            out.add(of((Enum<?>) c));
        }
        return out;
    }
}
