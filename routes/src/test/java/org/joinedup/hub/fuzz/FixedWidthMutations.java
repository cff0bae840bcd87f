package org.joinedup.hub.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.joinedup.hub.fuzz.InboxFuzz.FileMutation;

/**
 * Mutations of a valid benefits award file (fixed width: a header, details, a trailer, 150 characters a record),
 * generated the same way every run: each field of one detail (the target) broken in place, keeping the record's
 * width; records too long, too short, of the wrong type or out of place; a trailer that does not add up; and the
 * file as a whole truncated, re-encoded or replaced. The other detail is left alone, so a run can ask that it was
 * still applied.
 */
public final class FixedWidthMutations {

    /** A detail's field: its name as a refusal gives it, its 0-based [from, to), and what it holds. */
    private record Field(String name, int from, int to, String holds) {
    }

    private static final List<Field> DETAIL = List.of(new Field("NI number", 1, 10, "ni"),
            new Field("surname", 10, 45, "text"), new Field("forenames", 45, 80, "text"),
            new Field("date of birth", 80, 88, "date"), new Field("postcode", 88, 96, "text"),
            new Field("benefit code", 96, 100, "code"), new Field("status", 100, 101, "code"),
            new Field("weekly amount", 101, 110, "number"), new Field("award start", 110, 118, "date"),
            new Field("award end", 118, 126, "date"));

    private final byte[] fixture;
    private final List<String> lines;
    private final int target;
    private final List<FileMutation> mutations = new ArrayList<>();

    private FixedWidthMutations(byte[] fixture, int targetLine) {
        this.fixture = fixture;
        this.lines = new String(fixture, StandardCharsets.ISO_8859_1).lines().toList();
        this.target = targetLine;
    }

    /**
     * Every mutation of the detail on {@code targetLine} (1-based; the header is line 1) and, when {@code whole},
     * of the file's other records and the file as a whole.
     */
    public static List<FileMutation> of(byte[] fixture, int targetLine, boolean whole) {
        FixedWidthMutations m = new FixedWidthMutations(fixture, targetLine);
        m.fields();
        if (whole) {
            m.records();
            m.wholeFiles();
        }
        return m.mutations;
    }

    /** The fixture with the detail on {@code line} given another benefit code and status (positions 97-101). */
    static byte[] variant(byte[] fixture, int line, String benefit, char status) {
        List<String> all = new ArrayList<>(new String(fixture, StandardCharsets.ISO_8859_1).lines().toList());
        String detail = all.get(line - 1);
        all.set(line - 1, detail.substring(0, 96) + (benefit + "    ").substring(0, 4) + status + detail.substring(101));
        return latin1(String.join("\n", all) + "\n");
    }

    private void fields() {
        for (Field field : DETAIL) {
            int width = field.to() - field.from();
            String original = lines.get(target - 1).substring(field.from(), field.to());
            set(field, "empty", "spaces", " ".repeat(width));
            set(field, "nul", "a NUL first", "\0" + original.substring(1));
            set(field, "control", "an escape character first", "\u001B" + original.substring(1));
            set(field, "control", "a C1 control character (byte 85) first", "\u0085" + original.substring(1));
            set(field, "wrong-type", field.holds().equals("text") ? "digits" : "letters",
                    (field.holds().equals("text") ? "12345678" : "ABCDEFGHI").repeat(5).substring(0, width));
            switch (field.holds()) {
                case "date" -> {
                    for (String date : List.of("00000000", "00010101", "20230230", "20261301", "18500601",
                            "99991231", "2026-1-1", "21000101")) {
                        set(field, "impossible-date", date, date);
                    }
                }
                case "ni" -> {
                    for (String ni : List.of("QQ123456C", "AB123456E", "AO123456A", "AB12345C ", "TN123456A",
                            "123456789")) {
                        set(field, "identifier", "NI number " + ni.strip(), ni);
                    }
                }
                case "number" -> {
                    set(field, "huge-number", "999999999 (the hash total no longer adds up)", "999999999");
                    set(field, "wrong-type", "a minus sign", "-00000001");
                    set(field, "wrong-type", "spaces for zeros", "     9000".substring(9 - width));
                }
                case "code" -> {
                    for (String code : width == 1 ? List.of("X", "a", "9") : List.of("XYZ ", "uc  ", "DLAX")) {
                        set(field, "wrong-type", "'" + code.strip() + "'", code);
                    }
                }
                case "text" -> set(field, "valid", "letters ISO-8859-1 has and ASCII lacks (é, ñ)",
                        "Ñoño-Hélène".concat(" ".repeat(width)).substring(0, width));
                default -> throw new IllegalStateException(field.holds());
            }
        }
    }

    private void records() {
        String detail = lines.get(target - 1);
        record("over-long", "the detail 151 characters", detail + " ");
        record("over-long", "the detail 1 MB on one line", detail + " ".repeat(1 << 20));
        record("truncated", "the detail 149 characters", detail.substring(0, 149));
        record("truncated", "the detail ending CR LF", detail + "\r");
        record("wrong-type", "a record type X", "X" + detail.substring(1));
        record("wrong-type", "a second header in place of the detail", "H" + detail.substring(1));
        record("wrong-type", "a trailer in place of the detail", "T" + detail.substring(1));
        int trailer = lines.size();
        String last = lines.get(trailer - 1);
        replaceLine(trailer, "truncated", "trailer count", "the trailer counting 3 details",
                "T000000003" + last.substring(10));
        replaceLine(trailer, "truncated", "trailer hash total", "the trailer's hash total 1p out",
                last.substring(0, 10) + String.format("%015d", Long.parseLong(last.substring(10, 25)) + 1)
                        + last.substring(25));
        replaceLine(trailer, "wrong-type", "trailer record count", "the trailer's count space-padded",
                "T        2" + last.substring(10));
        String header = lines.get(0);
        replaceLine(1, "empty", "header file id", "a blank file id", "H" + " ".repeat(20) + header.substring(21));
        replaceLine(1, "wrong-type", "header GSS code", "another authority's GSS code in the header",
                header.substring(0, 21) + "E08000004" + header.substring(30));
        replaceLine(1, "wrong-type", "header award month", "another month in the header",
                header.substring(0, 30) + "202610" + header.substring(36));
        replaceLine(1, "impossible-date", "header created", "30 February as the created date",
                header.substring(0, 36) + "20260230061500" + header.substring(50));
        replaceLine(1, "nul", "header file id", "a NUL in the file id", header.substring(0, 5) + "\0"
                + header.substring(6));
        List<String> noTrailer = new ArrayList<>(lines.subList(0, trailer - 1));
        file("truncated", "no trailer", noTrailer);
        List<String> after = new ArrayList<>(lines);
        after.add(lines.get(1));
        file("truncated", "a detail after the trailer", after);
        List<String> blank = new ArrayList<>(lines);
        blank.add("");
        file("truncated", "an empty line after the trailer", blank);
    }

    private void wholeFiles() {
        WholeBodies.of(fixture, StandardCharsets.ISO_8859_1).forEach(m -> mutations.add(new FileMutation(m, 0)));
        whole("valid", "the valid file without an LF after the trailer", Arrays.copyOf(fixture, fixture.length - 1));
        whole("truncated", "CR LF line endings", latin1(String.join("\r\n", lines) + "\r\n"));
    }

    /** The target detail with {@code field} overwritten by {@code value} (padded or cut to the field's width). */
    private void set(Field field, String kind, String what, String value) {
        int width = field.to() - field.from();
        String fitted = (value + " ".repeat(width)).substring(0, width);
        String detail = lines.get(target - 1);
        String mutated = detail.substring(0, field.from()) + fitted + detail.substring(field.to());
        replaceLine(target, kind, field.name(), field.name() + ": " + what, mutated);
    }

    private void record(String kind, String what, String replacement) {
        replaceLine(target, kind, null, what, replacement);
    }

    private void replaceLine(int line, String kind, String field, String what, String replacement) {
        List<String> copy = new ArrayList<>(lines);
        copy.set(line - 1, replacement);
        add(kind, field, field == null || line != target ? 0 : target, "line " + line + ", " + what,
                latin1(String.join("\n", copy) + "\n"));
    }

    private void file(String kind, String what, List<String> records) {
        add(kind, null, 0, what, latin1(String.join("\n", records) + "\n"));
    }

    private void whole(String kind, String what, byte[] body) {
        add(kind, null, 0, what, body);
    }

    private void add(String kind, String field, int line, String description, byte[] body) {
        mutations.add(new FileMutation(new JsonMutations.Mutation(kind, field, description, body), line));
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
