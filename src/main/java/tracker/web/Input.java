package tracker.web;

import tracker.ledger.Refused;

/** Checks shared by every entry point: identifiers are short and printable, text is well-formed Unicode. */
public final class Input {
    private Input() {}

    /** An identifier: non-empty, at most {@code max} chars, no control characters, no surrounding blanks. */
    public static String identifier(String value, String field, int max) {
        if (value == null || value.isEmpty()) throw Refused.invalid(field + " is required", field);
        if (value.length() > max) throw Refused.invalid(field + " is longer than " + max + " characters", field);
        if (!value.strip().equals(value)) throw Refused.invalid(field + " has leading or trailing blanks", field);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw Refused.invalid(field + " contains a control character", field);
            }
        }
        return wellFormed(value, field);
    }

    /** Free text: any Unicode, stored exactly, but no lone surrogates (they cannot be stored as UTF-8). */
    public static String text(String value, String field, int max) {
        if (value.length() > max) throw Refused.invalid(field + " is longer than " + max + " characters", field);
        return wellFormed(value, field);
    }

    static String wellFormed(String value, String field) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw Refused.invalid(field + " contains an unpaired surrogate (invalid Unicode)", field);
            }
        }
        return value;
    }
}
