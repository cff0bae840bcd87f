package org.joinedup.connectors.value;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.joinedup.connectors.csv.CsvRecordReader;

/**
 * Care Quality Commission ratings as a council downloads them from the CQC's directory, CSV with the header
 * {@code name,location_id,rating,rated_on}: the provider's location name (matched to plan lines' payees, ignoring
 * case and runs of spaces), its CQC location id, the overall rating ({@code Outstanding}, {@code Good},
 * {@code Requires improvement}, {@code Inadequate}) and the day it was published ({@code 2026-03-14} or
 * {@code 14/03/2026}). Each bad row is a problem (line, column, reason); the good rows are kept.
 */
public final class CqcRatingsCsvReader {

    public static final List<String> HEADER = List.of("name", "location_id", "rating", "rated_on");
    public static final List<String> RATINGS = List.of("Outstanding", "Good", "Requires improvement", "Inadequate");
    public static final int MOST_ROWS = 100_000;

    public record Row(int line, String name, String locationId, String rating, LocalDate ratedOn) {
    }

    public record Problem(int line, String column, String reason) {
    }

    public record Result(List<Row> rows, List<Problem> problems) {
    }

    /** A file with no header or the wrong one: refused whole. */
    public static final class UnreadableFile extends IllegalArgumentException {
        public UnreadableFile(String message) {
            super(message);
        }
    }

    private static final DateTimeFormatter UK_DATE = DateTimeFormatter.ofPattern("d/M/uuuu");

    private CqcRatingsCsvReader() {
    }

    public static Result read(String text) {
        CsvRecordReader csv = new CsvRecordReader(new StringReader(text == null ? "" : text));
        CsvRecordReader.Record header = csv.next();
        if (header == null || !header.fields().stream().map(f -> f.strip().toLowerCase(Locale.UK)).toList()
                .equals(HEADER)) {
            throw new UnreadableFile("line 1: the header must be " + String.join(",", HEADER));
        }
        List<Row> rows = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (CsvRecordReader.Record record = csv.next(); record != null; record = csv.next()) {
            if (rows.size() + problems.size() >= MOST_ROWS) {
                problems.add(new Problem(record.lineNumber(), null, "a file holds at most " + MOST_ROWS + " rows"));
                break;
            }
            int line = record.lineNumber();
            List<String> f = record.fields();
            if (f.size() != HEADER.size()) {
                problems.add(new Problem(line, null, "has " + f.size() + " columns; the header has 4"));
                continue;
            }
            int before = problems.size();
            String name = f.get(0).strip().replaceAll("\\s+", " ");
            String location = f.get(1).strip();
            String rating = RATINGS.stream().filter(r -> r.equalsIgnoreCase(f.get(2).strip())).findFirst()
                    .orElse(null);
            if (name.isEmpty() || name.length() > 300) {
                problems.add(new Problem(line, "name", name.isEmpty() ? "is blank" : "is longer than 300 characters"));
            }
            if (location.isEmpty() || location.length() > 40) {
                problems.add(new Problem(line, "location_id", location.isEmpty() ? "is blank"
                        : "is longer than 40 characters"));
            }
            if (rating == null) {
                problems.add(new Problem(line, "rating", "'" + f.get(2).strip() + "' is not one of " + RATINGS));
            }
            LocalDate ratedOn = date(f.get(3).strip());
            if (ratedOn == null) {
                problems.add(new Problem(line, "rated_on", "'" + f.get(3).strip() + "' is not a date (2026-03-14"
                        + " or 14/03/2026)"));
            }
            if (problems.size() == before) {
                rows.add(new Row(line, name, location, rating, ratedOn));
            }
        }
        return new Result(rows, problems);
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException notIso) {
            try {
                return LocalDate.parse(text, UK_DATE);
            } catch (DateTimeParseException notUk) {
                return null;
            }
        }
    }
}
