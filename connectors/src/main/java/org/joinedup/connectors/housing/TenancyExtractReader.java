package org.joinedup.connectors.housing;

import java.io.InputStream;
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
import org.joinedup.connectors.csv.Utf8MarkingReader;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.Limits;
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
    private static final java.time.ZoneId UK = java.time.ZoneId.of("Europe/London");
    private static final List<String> REQUIRED = List.of("tenancy_ref", "person_ref", "role", "tenure", "start_date");
    private static final Set<String> ROLES = Set.of("LEAD", "JOINT", "MEMBER");
    /**
     * The length each column the hub keeps as written may have: the column that keeps it ({@link Limits}). Any other
     * column (a date, a code, a number) is checked against its own pattern, within {@link Limits#RECORD_ID}.
     */
    private static final Map<String, Integer> LIMITS = Map.of("tenancy_ref", Limits.RECORD_ID,
            "address", Limits.ADDRESS, "postcode", Limits.POSTCODE, "person_ref", Limits.RECORD_ID,
            "forename", Limits.NAME, "surname", Limits.NAME, "adaptation_need", Limits.ADAPTATION_NEED,
            "dfg_award_ref", Limits.RECORD_ID);
    /** Every column the hub reads, each checked as text before any is used. */
    private static final List<String> READ = List.of("tenancy_ref", "uprn", "address", "postcode", "person_ref",
            "role", "forename", "surname", "date_of_birth", "ni_number", "nhs_number", "tenure", "start_date",
            "arrears_pence", "adaptation_need", "dfg_award_ref", "dfg_award_pence", "dfg_award_date");
    private static final Set<String> TENURES = Set.of("SECURE", "ASSURED", "INTRODUCTORY", "TEMPORARY", "LICENCE");

    /** Which provider's snapshot, and of which night, from a name such as tenancies-OLDHAMHSG-20261121.csv. */
    public record Snapshot(String provider, LocalDate extractDate) {
    }

    /**
     * A row set aside: where, and why; and its tenancy reference when that could be read (a tenancy whose row was
     * set aside is not known to have ended).
     */
    public record SetAside(int lineNumber, String reason, String tenancyRef) {

        public SetAside(int lineNumber, String reason) {
            this(lineNumber, reason, null);
        }
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
     * Reads the whole file from its bytes, UTF-8 (a byte-order mark is skipped): a row holding bytes that are not
     * UTF-8 is set aside, naming its column, like any other bad row.
     *
     * @see #read(Reader, Consumer, Consumer)
     */
    public static void read(InputStream file, Consumer<TenancyRow> rows, Consumer<SetAside> setAside) {
        read(new Utf8MarkingReader(file), rows, setAside);
    }

    /**
     * Reads the whole file, handing each good row to {@code rows} and each bad one to {@code setAside}.
     *
     * @throws InvalidMessageException when the header lacks a required column or names one twice, or is not text
     *         (before any row is handed on); or when the quoting is broken or the file ends part-way through a row
     *         (rows already handed on must then be discarded with the file: a snapshot missing rows would end their
     *         tenancies)
     */
    public static void read(Reader file, Consumer<TenancyRow> rows, Consumer<SetAside> setAside) {
        CsvRecordReader csv = new CsvRecordReader(file);
        CsvRecordReader.Record header;
        try {
            header = csv.next();
        } catch (IllegalArgumentException broken) {
            throw new InvalidMessageException("header", broken.getMessage());
        }
        if (header == null) {
            throw new InvalidMessageException("header", "the file is empty");
        }
        Map<String, Integer> columns = columns(header);
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
            int width = header.fields().size();
            if (record.fields().size() < width && !csv.lastRecordEndedLine()) {
                throw new InvalidMessageException("line " + record.lineNumber(), "the file ends part-way through"
                        + " this row (" + record.fields().size() + " of the header's " + width + " columns, and no"
                        + " line ending), so it may have been cut short in transfer");
            }
            Row row = new Row(record, columns);
            try {
                // fewer columns than the header: some exports leave off the empty ones at the end of a row; more:
                // a value has moved into the next column, so no column can be trusted
                if (record.fields().size() > width) {
                    throw new RowProblem("the row has " + record.fields().size() + " columns and the header only "
                            + width + " (a comma in a value not in quotes?)");
                }
                rows.accept(row.read());
            } catch (RowProblem problem) {
                setAside.accept(new SetAside(record.lineNumber(), problem.getMessage(), row.tenancyRefIfReadable()));
            }
        }
    }

    /** The header's columns by name; refused whole when it is not text, names a column twice or lacks one. */
    private static Map<String, Integer> columns(CsvRecordReader.Record header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String written = header.fields().get(i);
            String name = written.trim().toLowerCase(Locale.UK);
            String problem = problemWithText(written, Limits.TEXT);
            if (problem != null) {
                throw new InvalidMessageException("header", "column " + (i + 1) + " " + problem
                        + "; the file must be UTF-8 text");
            }
            Integer earlier = columns.putIfAbsent(name, i);
            if (earlier != null && !name.isEmpty()) {
                throw new InvalidMessageException("header", "column '" + shown(name) + "' is named twice (columns "
                        + (earlier + 1) + " and " + (i + 1) + "), so which one holds it is not known");
            }
        }
        List<String> missing = REQUIRED.stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new InvalidMessageException("header", "required column(s) missing: " + String.join(", ", missing));
        }
        return columns;
    }

    /** Why a value cannot be taken as text ({@link Limits#problemWithText}, or bytes that were not UTF-8), or null. */
    private static String problemWithText(String value, int limit) {
        int broken = value.indexOf(Utf8MarkingReader.NOT_UTF8);
        if (broken >= 0) {
            return "holds bytes that are not UTF-8 (at character " + (broken + 1) + ")";
        }
        return Limits.problemWithText(value, limit);
    }

    /** A value as a reason may quote it: at most 40 characters, control characters and broken bytes escaped. */
    private static String shown(String value) {
        StringBuilder text = new StringBuilder();
        value.codePoints().limit(40).forEach(c -> {
            if (Character.isISOControl(c) || c == Utf8MarkingReader.NOT_UTF8) {
                text.append(String.format("\\u%04X", c));
            } else {
                text.appendCodePoint(c);
            }
        });
        return value.length() > 40 ? text + "… (" + value.length() + " characters)" : text.toString();
    }

    private static final class RowProblem extends RuntimeException {
        RowProblem(String message) {
            super(message, null, false, false);
        }
    }

    private record Row(CsvRecordReader.Record record, Map<String, Integer> columns) {

        TenancyRow read() {
            checkText();
            String role = required("role").toUpperCase(Locale.UK);
            if (!ROLES.contains(role)) {
                throw new RowProblem("role: '" + shown(role) + "' is not LEAD, JOINT or MEMBER");
            }
            String tenure = text("tenure").map(t -> t.toUpperCase(Locale.UK)).orElse(null);
            if (tenure != null && !TENURES.contains(tenure)) {
                throw new RowProblem("tenure: '" + shown(tenure) + "' is not one of " + String.join(", ", TENURES));
            }
            String uprn = text("uprn").orElse(null);
            if (uprn != null && !uprn.matches("\\d{1,12}")) {
                throw new RowProblem("uprn: '" + shown(uprn) + "' is not 1 to 12 digits");
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
                    text("postcode").map(org.joinedup.model.identity.Postcodes::compact).orElse(null),
                    required("person_ref"), role, text("forename").orElse(null), text("surname").orElse(null),
                    date("date_of_birth"), ni, nhs, tenure, date("start_date"),
                    Optional.ofNullable(pence("arrears_pence", true)).map(Pence::value).orElse(0L),
                    text("adaptation_need").orElse(null), dfgRef, dfgRef == null ? null : dfgAward,
                    date("dfg_award_date"));
        }

        /** The column's value, trimmed, when it is there; checked as text and against its limit. */
        Optional<String> text(String column) {
            Integer index = columns.get(column);
            if (index == null || index >= record.fields().size()) {
                return Optional.empty();
            }
            String written = record.fields().get(index);
            String value = written.trim();
            // checked as written (trim would quietly drop a control character at either end); a quoted value over
            // two lines keeps its line break as written, CR LF included
            String problem = problemWithText(written.replace('\r', '\n'), LIMITS.getOrDefault(column,
                    Limits.RECORD_ID));
            if (problem != null) {
                throw new RowProblem(column + ": " + problem);
            }
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        }

        String required(String column) {
            return text(column).orElseThrow(() -> new RowProblem(column + ": is required"));
        }

        String tenancyRefIfReadable() {
            try {
                return text("tenancy_ref").orElse(null);
            } catch (RowProblem unreadable) {
                return null;
            }
        }

        /** Every column the hub reads is checked as text first, so no reason ever quotes bytes a reason cannot hold. */
        void checkText() {
            READ.forEach(this::text);
        }

        /** A dd/MM/yyyy date, plausible ({@link Limits#implausible}); a date of birth is not in the future. */
        LocalDate date(String column) {
            return text(column).map(value -> {
                LocalDate date;
                try {
                    date = LocalDate.parse(value, UK_DATE);
                } catch (DateTimeParseException e) {
                    throw new RowProblem(column + ": '" + shown(value) + "' is not a date (dd/MM/yyyy)");
                }
                String implausible = Limits.implausible(date);
                if (implausible != null) {
                    throw new RowProblem(column + ": " + implausible);
                }
                if (column.equals("date_of_birth") && date.isAfter(LocalDate.now(UK))) {
                    throw new RowProblem(column + ": " + value + " is in the future");
                }
                return date;
            }).orElse(null);
        }

        Pence pence(String column) {
            return pence(column, false);
        }

        /** Arrears are an integer that may be negative (an account in credit); an award amount never is. */
        Pence pence(String column, boolean mayBeNegative) {
            return text(column).map(value -> {
                if (!value.matches(mayBeNegative ? "-?\\d+" : "\\d+")) {
                    throw new RowProblem(column + ": '" + shown(value) + "' is not a whole number of pence");
                }
                long pence = value.replace("-", "").length() > 15 ? Long.MAX_VALUE : Long.parseLong(value);
                if (Math.abs(pence) > Limits.MAX_PENCE) {
                    throw new RowProblem(column + ": " + shown(value) + " pence is more than the most any amount may be ("
                            + Limits.MAX_PENCE + ")");
                }
                return new Pence(pence);
            }).orElse(null);
        }
    }
}
