package org.joinedup.connectors.benefits;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.joinedup.model.BenefitAwardRow;
import org.joinedup.model.BenefitAwardRow.Benefit;
import org.joinedup.model.BenefitAwardRow.Status;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.Limits;
import org.joinedup.model.NiNumber;
import org.joinedup.model.Pence;

/**
 * Reads the benefits agency's monthly award file (see /work/shared/formats/benefits-monthly-fixed-width.md) as a
 * stream, in two passes, because a file that fails its integrity checks must be refused whole before anything from it
 * is applied (a truncated transfer must never look like people losing their benefits):
 * <ol>
 * <li>{@link #check(Path)} reads the whole file once and refuses it whole ({@link InvalidMessageException} naming the
 * line, the field and the reason) when its name, header, a record's type or length, an amount field or the trailer's
 * record count or hash total is wrong;</li>
 * <li>{@link #read(Path, Consumer, Consumer)} then hands on each detail, checked, or sets it aside with its line number
 * and reason (an NI number that breaks DWP's rules, an impossible or missing date, an unknown benefit code or
 * status); the rest of the file is applied.</li>
 * </ol>
 * The file is ISO-8859-1 (ASCII being a subset), one 150-character record per line, lines ending in LF alone. Only
 * one record is held in memory at a time, however long the file (or a line in it) is.
 */
public final class BenefitsFileReader {

    /** Every record is exactly this many characters, not counting the LF. */
    public static final int RECORD_LENGTH = 150;

    /** The trailer's count is 9 digits, so a file cannot vouch for more details than this. */
    static final long MAX_DETAILS = 999_999_999L;

    private static final Pattern FILE_NAME = Pattern.compile("BEN_([A-Z]\\d{8})_(\\d{6})_(\\d{2})\\.(?i:dat)");
    private static final java.time.ZoneId UK = java.time.ZoneId.of("Europe/London");
    private static final Pattern GSS = Pattern.compile("[A-Z]\\d{8}");
    private static final String BENEFIT_CODES = Arrays.stream(Benefit.values()).map(Benefit::code)
            .collect(Collectors.joining(", "));

    private BenefitsFileReader() {
    }

    /** The authority, month and sequence a file name such as BEN_E08000004_202611_01.DAT stands for. */
    public record FileName(String gss, YearMonth awardMonth, int sequence) {
    }

    /**
     * A file that passed {@link #check(Path)}: its header, the sequence from its name (a resend of a corrected file
     * has the next one and replaces the earlier file for the month), and what its trailer vouched for, verified.
     *
     * @param fileId      unique per file: the same id delivered twice must change nothing the second time
     * @param detailCount the number of detail records, including any that {@code read} will set aside
     * @param hashTotal   the sum of every detail's weekly amount as sent, set-aside details included
     */
    public record Header(String fileId, String gss, YearMonth awardMonth, int sequence, LocalDateTime created,
            int detailCount, Pence hashTotal) {
    }

    /** A detail set aside: where, and why. */
    public record SetAside(int lineNumber, String reason) {
    }

    /**
     * @throws InvalidMessageException (expression {@code file name}) when the name is not
     *         BEN_&lt;gss&gt;_&lt;yyyymm&gt;_&lt;seq&gt;.DAT or its month is not a month
     */
    public static FileName fileNameOf(String name) {
        Matcher m = FILE_NAME.matcher(name);
        if (!m.matches()) {
            throw new InvalidMessageException("file name", "'" + name + "' is not BEN_<gss>_<yyyymm>_<seq>.DAT");
        }
        YearMonth month = yearMonth(m.group(2));
        if (month == null) {
            throw new InvalidMessageException("file name", "'" + m.group(2) + "' in the file name is not a month (yyyymm)");
        }
        return new FileName(m.group(1), month, Integer.parseInt(m.group(3)));
    }

    /**
     * First pass: reads the whole file once and checks its name, header, every record's type and length, every
     * detail's amount field, and the trailer's record count and hash total. Details are not otherwise looked at.
     *
     * @return the header, with the verified count and hash total
     * @throws InvalidMessageException when the file must be refused whole; nothing from it may be applied
     * @throws UncheckedIOException    when the file cannot be read
     */
    public static Header check(Path file) {
        return scan(file, null, null);
    }

    /**
     * Second pass, after {@link #check(Path)} has passed: hands each detail to {@code rows} or {@code setAside}, in
     * file order. The file's integrity is checked again as it goes, so should the file have changed since
     * {@code check}, this throws (at the latest once the trailer is reached) and whatever was handed on must be
     * discarded with the file.
     *
     * @return the header, as {@code check} returns it
     * @throws InvalidMessageException when the file must be refused whole
     * @throws UncheckedIOException    when the file cannot be read
     */
    public static Header read(Path file, Consumer<BenefitAwardRow> rows, Consumer<SetAside> setAside) {
        if (rows == null || setAside == null) {
            throw new IllegalArgumentException("read needs somewhere for rows and for set-aside details");
        }
        return scan(file, rows, setAside);
    }

    private static Header scan(Path file, Consumer<BenefitAwardRow> rows, Consumer<SetAside> setAside) {
        Path name = file.getFileName();
        FileName fileName = fileNameOf(name == null ? "" : name.toString());
        try (InputStream in = Files.newInputStream(file)) {
            return new Scan(new Lines(in), fileName, rows, setAside).run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** One pass over the records, keeping only counts. */
    private static final class Scan {
        private final Lines lines;
        private final FileName fileName;
        private final Consumer<BenefitAwardRow> rows;
        private final Consumer<SetAside> setAside;

        private Header header;
        private long details;
        private long hashTotal;
        private int trailerLine;
        private long trailerCount;
        private long trailerHash;

        Scan(Lines lines, FileName fileName, Consumer<BenefitAwardRow> rows, Consumer<SetAside> setAside) {
            this.lines = lines;
            this.fileName = fileName;
            this.rows = rows;
            this.setAside = setAside;
        }

        Header run() throws IOException {
            while (lines.next()) {
                int n = lines.number;
                if (trailerLine > 0) {
                    throw refused(n, "record type (position 1)", (lines.length == 0 ? "an empty line" : "a record")
                            + " after the trailer on line " + trailerLine + ": the trailer must be the last record");
                }
                if (lines.length == 0) {
                    throw refused(n, "record type (position 1)", n == 1
                            ? "no header: the first line is empty"
                            : "an empty line, and every line must be a 150-character record");
                }
                char type = (char) (lines.bytes[0] & 0xFF);
                if (n == 1 && type != 'H') {
                    throw refused(n, "record type (position 1)", "no header: the first record must be 'H', found "
                            + describe(type));
                }
                switch (type) {
                    case 'H' -> {
                        if (n != 1) {
                            throw refused(n, "record type (position 1)", "a second header (the header on line 1 "
                                    + "is the only one a file may have; two files joined?)");
                        }
                        checkLength("header");
                        header = header();
                    }
                    case 'D' -> {
                        checkLength("detail");
                        detail();
                    }
                    case 'T' -> {
                        checkLength("trailer");
                        trailer();
                    }
                    default -> throw refused(n, "record type (position 1)", describe(type)
                            + " is not a record type (H, D or T)");
                }
            }
            if (lines.number == 0) {
                throw new InvalidMessageException("file", "the file is empty: no header, no trailer");
            }
            if (trailerLine == 0) {
                throw refused(lines.number, "record type (position 1)", "no trailer: the file ends with a "
                        + (lines.number == 1 ? "header" : "detail")
                        + " record, so it may have been cut short in transfer");
            }
            if (trailerCount != details) {
                throw refused(trailerLine, "trailer record count (positions 2-10)", "the trailer says "
                        + trailerCount + " detail records but the file holds " + details);
            }
            if (trailerHash != hashTotal) {
                throw refused(trailerLine, "trailer hash total (positions 11-25)", "the trailer's hash total is "
                        + trailerHash + " pence but the details' weekly amounts add up to " + hashTotal);
            }
            return new Header(header.fileId(), header.gss(), header.awardMonth(), header.sequence(),
                    header.created(), (int) details, new Pence(hashTotal));
        }

        private void checkLength(String record) {
            if (lines.length == RECORD_LENGTH) {
                return;
            }
            String reason = "is " + lines.length + " characters, not " + RECORD_LENGTH;
            if (lines.length == RECORD_LENGTH + 1 && lines.bytes[RECORD_LENGTH] == '\r') {
                reason += ": it ends CR LF, and records end with LF alone";
            } else if (!lines.terminated && lines.length < RECORD_LENGTH) {
                reason += ": the file ends part-way through a record, so it may have been cut short in transfer";
            }
            throw refused(lines.number, record + " record length", reason);
        }

        private Header header() {
            String fileId = text(1, 21);
            if (fileId == null) {
                throw refused(1, "header file id (positions 2-21)", "is blank, and a file must have an id");
            }
            if (!fileId.equals(escaped(fileId))) {
                throw refused(1, "header file id (positions 2-21)", "'" + escaped(fileId)
                        + "' holds a control character");
            }
            String gss = field(21, 30);
            if (!GSS.matcher(gss).matches()) {
                throw refused(1, "header GSS code (positions 22-30)", "'" + escaped(gss)
                        + "' is not a GSS code (a letter and eight digits)");
            }
            if (!gss.equals(fileName.gss())) {
                throw refused(1, "header GSS code (positions 22-30)", "'" + escaped(gss)
                        + "' is not the authority in the file name, " + fileName.gss());
            }
            String monthText = field(30, 36);
            YearMonth month = allDigits(30, 36) ? yearMonth(monthText) : null;
            if (month == null) {
                throw refused(1, "header award month (positions 31-36)", "'" + escaped(monthText)
                        + "' is not a month (yyyyMM)");
            }
            if (!month.equals(fileName.awardMonth())) {
                throw refused(1, "header award month (positions 31-36)", "'" + escaped(monthText)
                        + "' is not the month in the file name, " + yyyymm(fileName.awardMonth()));
            }
            String createdText = field(36, 50);
            LocalDateTime created = allDigits(36, 50) ? dateTime() : null;
            if (created == null) {
                throw refused(1, "header created (positions 37-50)", "'" + escaped(createdText)
                        + "' is not a date and time (yyyyMMddHHmmss)");
            }
            return new Header(fileId, gss, month, fileName.sequence(), created, 0, Pence.ZERO);
        }

        private LocalDateTime dateTime() {
            try {
                return LocalDateTime.of(digits(36, 40), digits(40, 42), digits(42, 44), digits(44, 46),
                        digits(46, 48), digits(48, 50));
            } catch (DateTimeException impossible) {
                return null;
            }
        }

        private void detail() {
            if (details == MAX_DETAILS) {
                throw refused(lines.number, "detail", "more than " + MAX_DETAILS
                        + " detail records, more than a trailer's count can hold");
            }
            details++;
            if (!allDigits(101, 110)) {
                throw refused(lines.number, "detail weekly amount (positions 102-110)", "'" + shown(101, 110)
                        + "' is not all digits, so the hash total cannot be verified");
            }
            long amount = number(101, 110);
            hashTotal += amount; // at most 999,999,999 x 999,999,999: no overflow in a long
            if (rows != null) {
                handOn(amount);
            }
        }

        private void handOn(long amount) {
            int n = lines.number;
            List<String> problems = new ArrayList<>(2);
            String niText = field(1, 10).strip();
            NiNumber ni = null;
            Optional<String> niProblem = NiNumber.problemWith(niText);
            if (niProblem.isPresent()) {
                problems.add("NI number (positions 2-10): " + escaped(niProblem.get()));
            } else {
                ni = NiNumber.parse(niText);
            }
            LocalDate dateOfBirth = date(80, "date of birth (positions 81-88)", true, problems);
            String benefitText = field(96, 100).strip();
            Benefit benefit = Benefit.ofCode(benefitText).orElse(null);
            if (benefit == null) {
                problems.add("benefit code (positions 97-100): " + (benefitText.isEmpty() ? "is missing"
                        : "'" + escaped(benefitText) + "' is not one of " + BENEFIT_CODES));
            }
            char statusCode = (char) (lines.bytes[100] & 0xFF);
            Status status = Status.ofCode(statusCode).orElse(null);
            if (status == null) {
                problems.add("status (position 101): " + describe(statusCode) + " is not A, S or T");
            }
            LocalDate awardStart = date(110, "award start (positions 111-118)", true, problems);
            LocalDate awardEnd = date(118, "award end (positions 119-126)", false, problems);
            if (dateOfBirth != null && dateOfBirth.isAfter(LocalDate.now(UK))) {
                problems.add("date of birth (positions 81-88): " + dateOfBirth + " is in the future");
            }
            if (awardStart != null && awardEnd != null && awardEnd.isBefore(awardStart)) {
                problems.add("award end (positions 119-126): " + awardEnd + " is before the award start "
                        + awardStart);
            }
            textProblem(10, 45, "surname (positions 11-45)", problems);
            textProblem(45, 80, "forenames (positions 46-80)", problems);
            textProblem(88, 96, "postcode (positions 89-96)", problems);
            if (!problems.isEmpty()) {
                setAside.accept(new SetAside(n, String.join("; ", problems)));
                return;
            }
            rows.accept(new BenefitAwardRow(n, ni, text(10, 45), text(45, 80), dateOfBirth, text(88, 96),
                    benefit, status, new Pence(amount), awardStart, awardEnd));
        }

        /** Text holds no control character (a NUL, an escape; the C1 controls ISO-8859-1 reads bytes 80-9F as). */
        private void textProblem(int from, int to, String field, List<String> problems) {
            for (int i = from; i < to; i++) {
                int c = lines.bytes[i] & 0xFF;
                if (c < 0x20 || c >= 0x7F && c <= 0x9F) {
                    problems.add(field + ": holds the control character U+" + String.format("%04X", c)
                            + " at position " + (i + 1));
                    return;
                }
            }
        }

        /**
         * A yyyyMMdd date at {@code from}, plausible ({@link Limits#implausible}); spaces are a missing date (allowed
         * only when not required).
         */
        private LocalDate date(int from, String field, boolean required, List<String> problems) {
            int to = from + 8;
            if (allDigits(from, to)) {
                try {
                    LocalDate date = LocalDate.of(digits(from, from + 4), digits(from + 4, from + 6),
                            digits(from + 6, to));
                    String implausible = Limits.implausible(date);
                    if (implausible == null) {
                        return date;
                    }
                    problems.add(field + ": " + implausible);
                    return null;
                } catch (DateTimeException impossible) {
                    // reported below
                }
            } else if (field(from, to).isBlank()) {
                if (required) {
                    problems.add(field + ": is missing");
                }
                return null;
            }
            problems.add(field + ": '" + shown(from, to) + "' is not a date (yyyyMMdd)");
            return null;
        }

        private void trailer() {
            if (!allDigits(1, 10)) {
                throw refused(lines.number, "trailer record count (positions 2-10)", "'" + shown(1, 10)
                        + "' is not a zero-padded number");
            }
            if (!allDigits(10, 25)) {
                throw refused(lines.number, "trailer hash total (positions 11-25)", "'" + shown(10, 25)
                        + "' is not a zero-padded number");
            }
            trailerLine = lines.number;
            trailerCount = number(1, 10);
            trailerHash = number(10, 25);
        }

        /** The characters at 0-based [from, to), as sent. */
        private String field(int from, int to) {
            return new String(lines.bytes, from, to - from, StandardCharsets.ISO_8859_1);
        }

        /** The characters at [from, to) as a reason may quote them: control characters escaped. */
        private String shown(int from, int to) {
            return escaped(field(from, to));
        }

        /** Left-aligned text, trimmed; null when blank. */
        private String text(int from, int to) {
            String value = field(from, to).strip();
            return value.isEmpty() ? null : value;
        }

        private boolean allDigits(int from, int to) {
            for (int i = from; i < to; i++) {
                byte b = lines.bytes[i];
                if (b < '0' || b > '9') {
                    return false;
                }
            }
            return true;
        }

        /** The digits at [from, to), which {@link #allDigits} has passed. */
        private long number(int from, int to) {
            long value = 0;
            for (int i = from; i < to; i++) {
                value = value * 10 + (lines.bytes[i] - '0');
            }
            return value;
        }

        /** A short run of digits (a date part) at [from, to), which {@link #allDigits} has passed. */
        private int digits(int from, int to) {
            return (int) number(from, to);
        }
    }

    private static YearMonth yearMonth(String yyyymm) {
        if (!yyyymm.matches("\\d{6}")) {
            return null;
        }
        int month = Integer.parseInt(yyyymm.substring(4));
        return month < 1 || month > 12 ? null : YearMonth.of(Integer.parseInt(yyyymm.substring(0, 4)), month);
    }

    private static String yyyymm(YearMonth month) {
        return String.format("%04d%02d", month.getYear(), month.getMonthValue());
    }

    private static String escaped(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        text.chars().forEach(c -> shown.append(c < 0x20 || c >= 0x7F && c <= 0x9F ? String.format("\\u%04X", c)
                : String.valueOf((char) c)));
        return shown.toString();
    }

    private static String describe(char c) {
        if (c == ' ') {
            return "a space";
        }
        if (c < 0x20 || c == 0x7F) {
            return String.format("control character U+%04X", (int) c);
        }
        return "'" + c + "'";
    }

    private static InvalidMessageException refused(int line, String field, String reason) {
        return new InvalidMessageException("line " + line + ", " + field, reason);
    }

    /**
     * The file's lines, split on LF alone (a CR is kept as part of the line, so CR LF endings show up as a wrong
     * length). Only the first {@code RECORD_LENGTH + 1} bytes of a line are kept: a line of any length, even a file
     * with no LF at all, is read in fixed memory, its full length counted.
     */
    private static final class Lines {
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int position;
        private int limit;

        /** The current line's first bytes (ISO-8859-1: one byte per character). */
        final byte[] bytes = new byte[RECORD_LENGTH + 1];
        /** The current line's full length in characters, without its LF. */
        long length;
        /** Whether the current line ended with LF (only the file's last line may not). */
        boolean terminated;
        /** The current line's number, from 1; after the last line, how many lines the file had. */
        int number;

        Lines(InputStream in) {
            this.in = in;
        }

        boolean next() throws IOException {
            if (position == limit && !fill()) {
                return false;
            }
            if (number == Integer.MAX_VALUE) {
                throw new InvalidMessageException("file", "more lines than can be counted");
            }
            if (number == 0 && limit - position >= 3 && buffer[position] == (byte) 0xEF
                    && buffer[position + 1] == (byte) 0xBB && buffer[position + 2] == (byte) 0xBF) {
                position += 3; // a UTF-8 byte-order mark, written by an editor that saved the file: not a character
            }
            number++;
            length = 0;
            while (true) {
                int start = position;
                int end = start;
                while (end < limit && buffer[end] != '\n') {
                    end++;
                }
                int kept = (int) Math.min(length, bytes.length);
                int copy = Math.min(end - start, bytes.length - kept);
                System.arraycopy(buffer, start, bytes, kept, copy);
                length += end - start;
                if (end < limit) {
                    position = end + 1;
                    terminated = true;
                    return true;
                }
                position = limit;
                if (!fill()) {
                    terminated = false;
                    return true;
                }
            }
        }

        private boolean fill() throws IOException {
            int n;
            do {
                n = in.read(buffer, 0, buffer.length);
            } while (n == 0);
            if (n < 0) {
                return false;
            }
            position = 0;
            limit = n;
            return true;
        }
    }
}
