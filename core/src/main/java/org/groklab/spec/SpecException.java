package org.groklab.spec;

/** Bad input, told in one line that names the field and what is allowed. Exit code 2. */
public final class SpecException extends RuntimeException {
    private final String field;

    public SpecException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
