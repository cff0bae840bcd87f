package org.joinedup.fhirmapping;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.stream.Collectors;

import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.NhsNumber;
import org.joinedup.model.Pence;

/**
 * The hub's model as indented, YAML-like text for golden files: every component of every record on its own
 * line, so a field added to a record shows up in the golden files without touching this class. Money is shown in
 * pence (what the hub stores) with pounds beside it for the reader; strings are quoted so that a trailing space
 * or an empty string is visible.
 */
final class ModelText {

    private ModelText() {
    }

    static String render(Record value) {
        StringBuilder out = new StringBuilder();
        record(value, 0, false, out);
        return out.toString();
    }

    /** The issues of a refused message, one {@code expression: reason} per line, in the order they were found. */
    static String issues(InvalidMessageException refused) {
        return refused.issues().stream()
                .map(issue -> issue.expression() + ": " + issue.reason())
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static void record(Record value, int depth, boolean listItem, StringBuilder out) {
        String pad = "  ".repeat(depth);
        boolean first = true;
        for (RecordComponent component : value.getClass().getRecordComponents()) {
            out.append(pad).append(listItem ? (first ? "- " : "  ") : "");
            field(component.getName(), read(component, value), listItem ? depth + 1 : depth, out);
            first = false;
        }
    }

    private static void field(String name, Object value, int depth, StringBuilder out) {
        if (value instanceof Record nested && !isScalar(nested)) {
            out.append(name).append(":\n");
            record(nested, depth + 1, false, out);
        } else if (value instanceof Collection<?> items) {
            out.append(name).append(items.isEmpty() ? ": []\n" : ":\n");
            for (Object item : items) {
                if (item instanceof Record nested && !isScalar(nested)) {
                    record(nested, depth + 1, true, out);
                } else {
                    out.append("  ".repeat(depth + 1)).append("- ").append(scalar(item)).append('\n');
                }
            }
        } else {
            out.append(name).append(": ").append(scalar(value)).append('\n');
        }
    }

    private static boolean isScalar(Object value) {
        return value instanceof Pence || value instanceof NhsNumber;
    }

    private static String scalar(Object value) {
        if (value instanceof Pence pence) {
            return pence.value() + " pence (" + pence + ")";
        }
        if (value instanceof String text) {
            return "'" + text + "'";
        }
        return String.valueOf(value);
    }

    private static Object read(RecordComponent component, Record value) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + value.getClass(), e);
        }
    }
}
