package org.joinedup.connectors.housing;

import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.joinedup.connectors.csv.CsvRecordReader;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.NhsNumber;
import org.joinedup.model.NiNumber;
import org.joinedup.model.Pence;
import org.joinedup.model.TenancyRow;

/**
 * Reads a housing provider's nightly tenancy snapshot (see the housing CSV format) as a stream: the file name and
 * header are checked first and a file that fails them is refused whole; then each row is either handed on checked or
 * set aside with its line number and reason.
 */
public final class TenancyExtractReader {

    private static final Pattern FILE_NAME = Pattern.compile("tenancies-([A-Za-z0-9]+)-(\\d{8})\\.(?i:csv)");
    /** Strict: 31/02/1990 is not a date (the default resolver would quietly make it 28/02/1990). */
    private static final DateTimeFormatter UK_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu")
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);
    private static final List<String> REQUIRED = List.of("tenancy_ref", "person_ref", "role", "tenure", "start_date");
    private static final Set<String> ROLES = Set.of("LEAD", "JOINT", "MEMBER");
    private static final Set<String> TENURES = Set.of("SECURE", "ASSURED", "INTRODUCTORY", "TEMPORARY", "LICENCE");

    /** Which provider's snapshot, and of which night, from a name such as tenancies-OLDHAMHSG-20261121.csv. */
    public record Snapshot(String provider, LocalDate extractDate) {
    }

    /** A row set aside: where, and why. */
    public record SetAside(int lineNumber, String reason) {
    }

    public static Snapshot snapshotOf(String fileName) {
        Matcher m = FILE_NAME.matcher(fileName);
        if (!m.matches()) {
            throw new InvalidMessageException("file name", "'" + fileName
                    + "' is not tenancies-<provider>-<yyyymmdd>.csv");
        }
        try {
            return new Snapshot(m.group(1).toUpperCase(Locale.UK),
                    LocalDate.parse(m.group(2), DateTimeFormatter.BASIC_ISO_DATE));
        } catch (DateTimeParseException e) {
            throw new InvalidMessageException("file name", "'" + m.group(2) + "' in the file name is not a date");
        }
    }

    /**
     * Reads the whole file, handing each good row to {@code rows} and each bad one to {@code setAside}.
     *
     * @throws InvalidMessageException when the header lacks a required column (before any row is handed on), or
     *         when its quoting is broken (rows already handed on must then be discarded with the file)
     */
    public static void read(Reader file, Consumer<TenancyRow> rows, Consumer<SetAside> setAside) {
        CsvRecordReader csv = new CsvRecordReader(file);
        CsvRecordReader.Record header = csv.next();
        if (header == null) {
            throw new InvalidMessageException("header", "the file is empty");
        }
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            columns.putIfAbsent(header.fields().get(i).trim().toLowerCase(Locale.UK), i);
        }
        List<String> missing = REQUIRED.stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new InvalidMessageException("header", "required column(s) missing: " + String.join(", ", missing));
        }
        CsvRecordReader.Record record;
        while (true) {
            try {
                record = csv.next();
            } catch (IllegalArgumentException broken) {
                // Broken quoting (a quote never closed, or a stray one): the rest of the file cannot be read, and
                // applying a full snapshot missing rows would end their tenancies. Refused whole.
                throw new InvalidMessageException("file", broken.getMessage());
            }
            if (record == null) {
                return;
            }
            Row row = new Row(record, columns);
            try {
                rows.accept(row.read());
            } catch (RowProblem problem) {
                setAside.accept(new SetAside(record.lineNumber(), problem.getMessage()));
            }
        }
    }

    private static final class RowProblem extends RuntimeException {
        RowProblem(String message) {
            super(message, null, false, false);
        }
    }

    private record Row(CsvRecordReader.Record record, Map<String, Integer> columns) {

        TenancyRow read() {
            String role = required("role").toUpperCase(Locale.UK);
            if (!ROLES.contains(role)) {
                throw new RowProblem("role: '" + role + "' is not LEAD, JOINT or MEMBER");
            }
            String tenure = text("tenure").map(t -> t.toUpperCase(Locale.UK)).orElse(null);
            if (tenure != null && !TENURES.contains(tenure)) {
                throw new RowProblem("tenure: '" + tenure + "' is not one of " + String.join(", ", TENURES));
            }
            String uprn = text("uprn").orElse(null);
            if (uprn != null && !uprn.matches("\\d{1,12}")) {
                throw new RowProblem("uprn: '" + uprn + "' is not 1 to 12 digits");
            }
            NiNumber ni = text("ni_number").map(value -> {
                Optional<String> problem = NiNumber.problemWith(value);
                if (problem.isPresent()) {
                    throw new RowProblem("ni_number: " + problem.get());
                }
                return NiNumber.parse(value);
            }).orElse(null);
            NhsNumber nhs = text("nhs_number").map(value -> {
                Optional<String> problem = NhsNumber.problemWith(value);
                if (problem.isPresent()) {
                    throw new RowProblem("nhs_number: " + problem.get());
                }
                return NhsNumber.parse(value);
            }).orElse(null);
            String dfgRef = text("dfg_award_ref").orElse(null);
            Pence dfgAward = pence("dfg_award_pence");
            if (dfgRef != null && dfgAward == null) {
                throw new RowProblem("dfg_award_pence: required when dfg_award_ref is given");
            }
            return new TenancyRow(record.lineNumber(), required("tenancy_ref"), uprn, text("address").orElse(null),
                    text("postcode").map(p -> p.replaceAll("\\s", "").toUpperCase(Locale.UK)).orElse(null),
                    required("person_ref"), role, text("forename").orElse(null), text("surname").orElse(null),
                    date("date_of_birth"), ni, nhs, tenure, date("start_date"),
                    Optional.ofNullable(pence("arrears_pence", true)).map(Pence::value).orElse(0L),
                    text("adaptation_need").orElse(null), dfgRef, dfgRef == null ? null : dfgAward,
                    date("dfg_award_date"));
        }

        Optional<String> text(String column) {
            Integer index = columns.get(column);
            if (index == null || index >= record.fields().size()) {
                return Optional.empty();
            }
            String value = record.fields().get(index).trim();
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        }

        String required(String column) {
            return text(column).orElseThrow(() -> new RowProblem(column + ": is required"));
        }

        LocalDate date(String column) {
            return text(column).map(value -> {
                try {
                    return LocalDate.parse(value, UK_DATE);
                } catch (DateTimeParseException e) {
                    throw new RowProblem(column + ": '" + value + "' is not a date (dd/MM/yyyy)");
                }
            }).orElse(null);
        }

        Pence pence(String column) {
            return pence(column, false);
        }

        /** Arrears are an integer that may be negative (an account in credit); an award amount never is. */
        Pence pence(String column, boolean mayBeNegative) {
            return text(column).map(value -> {
                if (!value.matches(mayBeNegative ? "-?\\d{1,15}" : "\\d{1,15}")) {
                    throw new RowProblem(column + ": '" + value + "' is not a whole number of pence");
                }
                return new Pence(Long.parseLong(value));
            }).orElse(null);
        }
    }
}
