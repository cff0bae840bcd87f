package org.joinedup.connectors.value;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.joinedup.connectors.csv.CsvRecordReader;
import org.joinedup.model.value.EquityByGroup.Kind;

/**
 * A council's population table for the equity report, CSV with the header {@code kind,group,people}: {@code kind}
 * one of {@code ethnicity}, {@code age-band}, {@code disability}; {@code group} as the council records it (the age
 * bands are the report's, {@code 0-17} to {@code 85+}); {@code people} a whole number. It is configuration: any
 * mistake refuses the whole table, each named by its line and column.
 */
public final class PopulationTableReader {

    public static final List<String> HEADER = List.of("kind", "group", "people");

    /** A table with mistakes: every one, by line and column. */
    public static final class BadTable extends IllegalArgumentException {
        public BadTable(String message) {
            super(message);
        }
    }

    private PopulationTableReader() {
    }

    public static Map<Kind, Map<String, Long>> read(String name, String text) {
        CsvRecordReader csv = new CsvRecordReader(new StringReader(text == null ? "" : text));
        List<String> problems = new ArrayList<>();
        Map<Kind, Map<String, Long>> table = new EnumMap<>(Kind.class);
        CsvRecordReader.Record header = nextLine(csv);
        if (header == null || !header.fields().stream().map(f -> f.strip().toLowerCase(Locale.UK)).toList()
                .equals(HEADER)) {
            throw new BadTable(name + " line 1: the header must be " + String.join(",", HEADER));
        }
        for (CsvRecordReader.Record record = nextLine(csv); record != null; record = nextLine(csv)) {
            String at = name + " line " + record.lineNumber();
            List<String> f = record.fields();
            if (f.size() != HEADER.size()) {
                problems.add(at + ": has " + f.size() + " columns; the header has 3");
                continue;
            }
            java.util.Optional<Kind> kind = Kind.ofCode(f.get(0).strip().toLowerCase(Locale.UK));
            String group = f.get(1).strip();
            if (kind.isEmpty()) {
                problems.add(at + ", kind: '" + f.get(0).strip() + "' is not ethnicity, age-band or disability");
            }
            if (group.isEmpty() || group.length() > 100) {
                problems.add(at + ", group: " + (group.isEmpty() ? "is blank" : "is longer than 100 characters"));
            } else if (kind.isPresent() && kind.get() == Kind.AGE_BAND
                    && !org.joinedup.model.value.EquityByGroup.AGE_BANDS.contains(group)) {
                problems.add(at + ", group: '" + group + "' is not one of the age bands "
                        + org.joinedup.model.value.EquityByGroup.AGE_BANDS);
            }
            Long people = null;
            try {
                people = Long.parseLong(f.get(2).strip().replace(",", ""));
                if (people < 0) {
                    problems.add(at + ", people: is negative");
                }
            } catch (NumberFormatException notANumber) {
                problems.add(at + ", people: '" + f.get(2).strip() + "' is not a whole number");
            }
            if (kind.isPresent() && !group.isEmpty() && people != null) {
                Long before = table.computeIfAbsent(kind.get(), k -> new LinkedHashMap<>()).putIfAbsent(group, people);
                if (before != null) {
                    problems.add(at + ", group: '" + group + "' is given twice for " + kind.get().code());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new BadTable(String.join("; ", problems));
        }
        return table;
    }

    /** The next record that is not blank or a comment ({@code #}). */
    private static CsvRecordReader.Record nextLine(CsvRecordReader csv) {
        for (CsvRecordReader.Record record = csv.next(); record != null; record = csv.next()) {
            List<String> f = record.fields();
            boolean blank = f.stream().allMatch(String::isBlank);
            if (!blank && !f.get(0).strip().startsWith("#")) {
                return record;
            }
        }
        return null;
    }
}
