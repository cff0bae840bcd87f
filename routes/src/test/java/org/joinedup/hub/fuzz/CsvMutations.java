package org.joinedup.hub.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.joinedup.hub.fuzz.InboxFuzz.FileMutation;

/**
 * Mutations of a valid CSV file (a header and rows, no line break inside a value), generated the same way every
 * run: each value of one row (the target) broken every way a new export breaks it, the header missing or doubling a
 * column, and the file as a whole truncated, re-encoded or replaced. The row before the target is left alone, so a
 * run can ask that it was still applied.
 */
public final class CsvMutations {

    private static final Set<String> DATE_COLUMNS = Set.of("date_of_birth", "start_date", "dfg_award_date");
    private static final Set<String> PENCE_COLUMNS = Set.of("arrears_pence", "dfg_award_pence");
    private static final Set<String> IDENTIFIER_COLUMNS = Set.of("nhs_number", "ni_number");

    private final byte[] fixture;
    private final List<String> lines;
    private final List<String> header;
    private final int target;
    private final List<FileMutation> mutations = new ArrayList<>();

    private CsvMutations(byte[] fixture, int targetLine) {
        this.fixture = fixture;
        this.lines = new String(fixture, StandardCharsets.UTF_8).lines().toList();
        this.header = split(lines.get(0));
        this.target = targetLine;
    }

    /** Every mutation of the fixture, breaking the row on {@code targetLine} (1-based, the header is line 1). */
    public static List<FileMutation> of(byte[] fixture, int targetLine) {
        CsvMutations m = new CsvMutations(fixture, targetLine);
        m.generate();
        return m.mutations;
    }

    /** Only the mutations of the values of the row on {@code targetLine} (a variant of a fixture already used whole). */
    public static List<FileMutation> ofRow(byte[] fixture, int targetLine) {
        CsvMutations m = new CsvMutations(fixture, targetLine);
        for (int i = 0; i < m.header.size(); i++) {
            m.values(i, m.header.get(i));
        }
        return m.mutations;
    }

    /** The fixture with its two rows swapped, or with the row on {@code line} given another role and tenure. */
    static byte[] variant(byte[] fixture, boolean swapped, int line, String role, String tenure) {
        List<String> all = new ArrayList<>(new String(fixture, StandardCharsets.UTF_8).lines().toList());
        List<String> cells = new ArrayList<>(split(all.get(line - 1)));
        List<String> columns = split(all.get(0));
        cells.set(columns.indexOf("role"), role);
        cells.set(columns.indexOf("tenure"), tenure);
        all.set(line - 1, join(cells));
        if (swapped) {
            java.util.Collections.swap(all, 1, 2);
        }
        return bytes(String.join("\n", all) + "\n");
    }

    private void generate() {
        WholeBodies.of(fixture, StandardCharsets.UTF_8).forEach(m -> mutations.add(new FileMutation(m, 0)));
        whole("valid", "the valid file with CR LF line endings", bytes(String.join("\r\n", lines) + "\r\n"));
        whole("valid", "the valid file without a line ending after its last row", bytes(String.join("\n", lines)));
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i);
            List<String> without = new ArrayList<>(header);
            without.remove(i);
            List<String> rows = new ArrayList<>();
            rows.add(String.join(",", without));
            for (String line : lines.subList(1, lines.size())) {
                List<String> cells = new ArrayList<>(split(line));
                cells.remove(i);
                rows.add(join(cells));
            }
            add("missing-column", column, 0, "the column " + column + " left out", bytes(String.join("\n", rows)
                    + "\n"));
            add("duplicate-key", column, 0, "the column " + column + " named twice", bytes(lines.get(0) + ","
                    + column + "\n" + String.join("\n", lines.subList(1, lines.size())) + "\n"));
        }
        for (int i = 0; i < header.size(); i++) {
            values(i, header.get(i));
        }
    }

    private void values(int index, String column) {
        String value = split(lines.get(target - 1)).get(index);
        cell(index, "over-long", "201 characters", "A".repeat(201));
        cell(index, "over-long", "5,001 characters", "B".repeat(5_001));
        cell(index, "over-long", "1 MB", "C".repeat(1 << 20));
        cell(index, "empty", "an empty value", "");
        cell(index, "wrong-type", "a word", "not-" + column);
        cell(index, "wrong-type", "a number", "12345");
        cell(index, "misaligned", "a comma not in quotes (a value that moved into the next column)", "a,b");
        cell(index, "truncated", "a quote opened and never closed", "\"" + value);
        raw(index, "nul", "a raw NUL byte", value, new byte[] {0});
        raw(index, "control", "an escape character first", "", new byte[] {0x1B});
        raw(index, "non-utf8", "the bytes C3 28 (not UTF-8)", value, new byte[] {(byte) 0xC3, 0x28});
        raw(index, "non-utf8", "the byte FF", value, new byte[] {(byte) 0xFF});
        raw(index, "non-utf8", "an overlong encoding of '/' (C0 AF)", value, new byte[] {(byte) 0xC0, (byte) 0xAF});
        if (DATE_COLUMNS.contains(column)) {
            for (String date : List.of("01/01/0000", "31/02/2023", "01/13/2026", "2026-01-01", "01/06/1850",
                    "1/1/2026", "01/01/10000", java.time.LocalDate.now().plusYears(1)
                            .format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/uuuu")))) {
                cell(index, "impossible-date", date, date);
            }
        }
        if (PENCE_COLUMNS.contains(column)) {
            for (String number : List.of("9223372036854775807", "-9223372036854775808", "99999999999999999999",
                    "1e30", "0.5", "10000000001", "£780")) {
                cell(index, "huge-number", number, number);
            }
        }
        if (IDENTIFIER_COLUMNS.contains(column)) {
            for (String id : column.equals("nhs_number")
                    ? List.of("0000000000", "1111111111", "9434765918", "123456789", "12345678901", "943 476 5919 x")
                    : List.of("QQ123456C", "AB123456E", "AO123456A", "AB12345C", "TN123456A", "123456789")) {
                cell(index, "identifier", column + " " + id, id);
            }
        }
    }

    /** The target row with the value at {@code index} replaced (quoted as a CSV writer would, when it must be). */
    private void cell(int index, String kind, String what, String replacement) {
        String written = kind.equals("truncated") || replacement.equals("a,b") || !needsQuotes(replacement)
                ? replacement : "\"" + replacement.replace("\"", "\"\"") + "\"";
        raw(index, kind, what, written, new byte[0]);
    }

    /** The target row with {@code inserted} bytes in the middle of {@code around} at {@code index}. */
    private void raw(int index, String kind, String what, String around, byte[] inserted) {
        List<String> cells = split(lines.get(target - 1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int l = 0; l < lines.size(); l++) {
            if (l != target - 1) {
                out.writeBytes(bytes(lines.get(l) + "\n"));
                continue;
            }
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                if (i == index) {
                    int half = around.startsWith("{{") ? 0 : around.length() / 2;
                    out.writeBytes(bytes(around.substring(0, half)));
                    out.writeBytes(inserted);
                    out.writeBytes(bytes(around.substring(half)));
                } else {
                    out.writeBytes(bytes(quoted(cells.get(i))));
                }
            }
            out.write('\n');
        }
        add(kind, header.get(index), target, "line " + target + ", " + header.get(index) + ": " + what,
                out.toByteArray());
    }

    private void whole(String kind, String what, byte[] body) {
        add(kind, null, 0, what, body);
    }

    private void add(String kind, String field, int line, String description, byte[] body) {
        mutations.add(new FileMutation(new JsonMutations.Mutation(kind, field, description, body), line));
    }

    /** The values of a line of the fixture (quoted values hold commas and doubled quotes, never a line break). */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    private static String join(List<String> cells) {
        return String.join(",", cells.stream().map(CsvMutations::quoted).toList());
    }

    private static String quoted(String value) {
        return needsQuotes(value) ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static boolean needsQuotes(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
