package org.joinedup.connectors.value;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.joinedup.connectors.csv.CsvRecordReader;
import org.joinedup.model.value.LocalAuthorities;
import org.joinedup.model.value.SpreadsheetPounds;

/**
 * A council's evaluation data as CSV, header {@code council,person_ref,traditional_cost,personal_budget_cost}: a
 * council by GSS code or by name as the council writes it (a name the register does not know is kept as written, and
 * said so), costs in pounds a year as spreadsheets write them ({@link SpreadsheetPounds}; blank or N/A is missing,
 * never zero). Each bad row is a problem (its line, column and reason) and the good rows are kept; a file whose
 * header is wrong is refused whole.
 */
public final class EvaluationCsvReader {

    public static final List<String> HEADER = List.of("council", "person_ref", "traditional_cost",
            "personal_budget_cost");

    /** A row read: the council found in the register (its GSS code and name) or as written ({@code known} false). */
    public record Row(int line, String council, String councilName, boolean known, String personRef,
            Long traditionalPence, Long personalBudgetPence) {
    }

    /** Why a row was left out: its line, the column (or null for the whole row) and the reason. */
    public record Problem(int line, String column, String reason) {
    }

    public record Result(List<Row> rows, List<Problem> problems) {
    }

    /** A file that cannot be read at all (no header, the wrong header): refused whole. */
    public static final class UnreadableFile extends IllegalArgumentException {
        public UnreadableFile(String message) {
            super(message);
        }
    }

    /** The most rows one file may hold. */
    public static final int MOST_ROWS = 100_000;

    private final LocalAuthorities register;

    public EvaluationCsvReader(LocalAuthorities register) {
        this.register = register;
    }

    public Result read(String text) {
        CsvRecordReader csv = new CsvRecordReader(new StringReader(text == null ? "" : text));
        CsvRecordReader.Record header = next(csv);
        if (header == null) {
            throw new UnreadableFile("the file is empty: its first line is the header " + String.join(",", HEADER));
        }
        List<String> named = header.fields().stream().map(f -> f.strip().toLowerCase(Locale.UK)).toList();
        if (!named.equals(HEADER)) {
            throw new UnreadableFile("line 1: the header is " + String.join(",", header.fields()) + "; it must be "
                    + String.join(",", HEADER));
        }
        List<Row> rows = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (CsvRecordReader.Record record = next(csv); record != null; record = next(csv)) {
            if (rows.size() + problems.size() >= MOST_ROWS) {
                problems.add(new Problem(record.lineNumber(), null, "a file holds at most " + MOST_ROWS + " rows;"
                        + " send the rest in another"));
                break;
            }
            row(record, seen, problems).ifPresent(rows::add);
        }
        return new Result(rows, problems);
    }

    /** The row, or empty with its problems added to {@code problems}. */
    private Optional<Row> row(CsvRecordReader.Record record, Map<String, Integer> seen, List<Problem> problems) {
        int line = record.lineNumber();
        List<String> f = record.fields();
        if (f.size() != HEADER.size()) {
            problems.add(new Problem(line, null, "has " + f.size() + " columns; the header has " + HEADER.size()));
            return Optional.empty();
        }
        String council = f.get(0).strip();
        String personRef = f.get(1).strip();
        SpreadsheetPounds.Cell traditional = SpreadsheetPounds.read(f.get(2));
        SpreadsheetPounds.Cell budget = SpreadsheetPounds.read(f.get(3));
        int before = problems.size();
        if (council.isEmpty()) {
            problems.add(new Problem(line, "council", "is blank: give the council's GSS code or name"));
        } else if (council.length() > 200) {
            problems.add(new Problem(line, "council", "is " + council.length() + " characters long; at most 200"));
        }
        if (personRef.isEmpty()) {
            problems.add(new Problem(line, "person_ref", "is blank: each row is one person"));
        } else if (personRef.length() > 100) {
            problems.add(new Problem(line, "person_ref", "is " + personRef.length() + " characters long; at most"
                    + " 100"));
        }
        if (traditional.problem() != null) {
            problems.add(new Problem(line, "traditional_cost", traditional.problem()));
        }
        if (budget.problem() != null) {
            problems.add(new Problem(line, "personal_budget_cost", budget.problem()));
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        Optional<LocalAuthorities.Council> known = register.find(council);
        String key = known.map(LocalAuthorities.Council::code).orElse(council);
        Integer earlier = seen.putIfAbsent(key + "|" + personRef, line);
        if (earlier != null) {
            problems.add(new Problem(line, "person_ref", personRef + " of " + key + " is on line " + earlier
                    + " already: one row a person"));
            return Optional.empty();
        }
        return Optional.of(new Row(line, key, known.map(LocalAuthorities.Council::name).orElse(council),
                known.isPresent(), personRef, traditional.pence(), budget.pence()));
    }

    private static CsvRecordReader.Record next(CsvRecordReader csv) {
        try {
            return csv.next();
        } catch (IllegalArgumentException malformed) {
            throw new UnreadableFile(malformed.getMessage());
        }
    }
}
