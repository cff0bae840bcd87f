package org.joinedup.hub.benefits;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.BitSet;
import java.util.List;

import org.hibernate.Session;
import org.joinedup.fhirmapping.FhirSystems;
import org.joinedup.model.BenefitAwardRow;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A monthly file's details in a temporary table of the file's transaction, loaded with PostgreSQL's {@code COPY},
 * and what can be applied to them in whole statements: every detail of a claimant the hub already holds under the
 * same NI number, with the same names, birth date and postcode, is stored as that person's award in one statement,
 * as linking it one by one would (nothing about the person changes). The rest (new claimants, changed details, a
 * record that is not as linking left it) are left for the one-by-one path, which decides about people. Income
 * changes are raised for the whole file in one statement at the end.
 */
final class MonthlyAwardStage implements AutoCloseable {

    private static final int BUFFER = 1 << 16;

    private final Connection connection;
    private final CopyIn copy;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(BUFFER + 512);
    private final StringBuilder line = new StringBuilder(200);
    private boolean copying = true;

    private MonthlyAwardStage(Connection connection) throws SQLException {
        this.connection = connection;
        try (Statement create = connection.createStatement()) {
            create.execute("create temporary table benefit_stage (line integer not null, nino varchar(9) not null,"
                    + " surname varchar(100), forenames varchar(100), birth_date date, postcode varchar(10),"
                    + " benefit varchar(4) not null, status char(1) not null, weekly_pence bigint not null,"
                    + " award_start date, award_end date, applied boolean not null default false) on commit drop");
        }
        copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy benefit_stage (line, nino, surname,"
                + " forenames, birth_date, postcode, benefit, status, weekly_pence, award_start, award_end)"
                + " from stdin");
    }

    /** Opens the stage on the connection of the current transaction (it is dropped when the transaction ends). */
    static MonthlyAwardStage open(jakarta.persistence.EntityManager em) {
        em.flush();
        return em.unwrap(Session.class).doReturningWork(MonthlyAwardStage::new);
    }

    /** Adds a detail that passed its checks. Nothing else may use the connection until {@link #loaded()}. */
    void add(BenefitAwardRow row) {
        line.setLength(0);
        line.append(row.lineNumber()).append('\t');
        field(row.niNumber().value());
        field(row.surname());
        field(row.forenames());
        field(row.dateOfBirth());
        field(row.postcode());
        field(row.benefit().code());
        field(String.valueOf(row.status().code()));
        field(row.weeklyAmount().value());
        field(row.awardStart());
        line.append(row.awardEnd() == null ? "\\N" : row.awardEnd().toString()).append('\n');
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        buffer.write(bytes, 0, bytes.length);
        if (buffer.size() >= BUFFER) {
            flushBuffer();
        }
    }

    /** Ends the load; the stage can be queried from now on. */
    void loaded() {
        flushBuffer();
        try {
            copy.endCopy();
            copying = false;
            try (Statement s = connection.createStatement()) {
                s.execute("create index on benefit_stage (nino)");
                s.execute("analyze benefit_stage"); // a temporary table is never analysed otherwise
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the file's details into the stage", e);
        }
    }

    /**
     * Stores, in one statement, the award of every detail whose claimant's record the hub holds unchanged: the
     * DWP's record under this NI number, linked to a person who is not merged away, already known by this NI
     * number as verified and in a case, with every value the detail carries equal to the record's and no gap in the
     * person the detail would fill. These are the details linking would leave everything as it is for.
     *
     * @param ninos only the details of these NI numbers, or null for all
     * @return how many details were applied this way
     */
    int applyUnchanged(String gss, LocalDate month, long messageId, List<String> ninos) {
        String sql = "with unchanged as (update benefit_stage s set applied = true from source_record r"
                + " join person p on p.id = r.person_id"
                + " where not s.applied" + (ninos == null ? "" : " and s.nino = any(?)")
                + " and r.holder = ? and r.source_system = ? and r.source_value = s.nino"
                + " and r.ni_number = s.nino"
                + " and r.identifier_problems is null and p.merged_into is null"
                + same("forenames", "r.given_name") + same("surname", "r.family_name")
                + same("birth_date", "r.birth_date") + same("postcode", "r.postcode")
                + filled("forenames", "p.given_name") + filled("surname", "p.family_name")
                + filled("birth_date", "p.birth_date") + filled("postcode", "p.postcode")
                + " and exists (select 1 from person_identifier i where i.system = ? and i.value = s.nino"
                + "   and i.person_id = r.person_id and i.verified)"
                + " and exists (select 1 from case_member m where m.person_id = r.person_id)"
                + " returning s.*, r.person_id, r.id as record_id)"
                + " insert into benefit_award (person_id, source_record_id, gss, award_month, nino, benefit, status,"
                + " weekly_pence, award_start, award_end, message_id) select person_id, record_id, ?, ?, nino, benefit,"
                + " status, weekly_pence, award_start, award_end, ? from unchanged";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            int p = 1;
            if (ninos != null) {
                insert.setArray(p++, connection.createArrayOf("varchar", ninos.toArray()));
            }
            insert.setString(p++, BenefitsFileApplier.DWP);
            insert.setString(p++, FhirSystems.NI_NUMBER);
            insert.setString(p++, FhirSystems.NI_NUMBER);
            insert.setString(p++, gss);
            insert.setObject(p++, month);
            insert.setLong(p, messageId);
            return insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot apply the unchanged claimants' awards", e);
        }
    }

    /** A claimant the hub holds neither a record nor an identifier for, with the details all their lines agree on. */
    record NewClaimant(int firstLine, String nino, String forenames, String surname, LocalDate birthDate,
            String postcode) {
    }

    /**
     * The file's new claimants, in the order of their first line, {@code chunk} at a time: NI numbers under which the
     * hub holds no DWP record and no person is known, whose details all give the same names, birth date and postcode
     * (one whose lines disagree is left for the one-by-one path, which takes them in turn).
     */
    Iterable<List<NewClaimant>> newClaimants(int chunk) {
        try (Statement s = connection.createStatement()) {
            s.execute("create temporary table benefit_new on commit drop as select min(line) as first_line, nino,"
                    + " min(forenames) as forenames, min(surname) as surname, min(birth_date) as birth_date,"
                    + " min(postcode) as postcode from benefit_stage s where not applied"
                    + " and not exists (select 1 from source_record r where r.holder = '" + BenefitsFileApplier.DWP
                    + "' and r.source_system = '" + FhirSystems.NI_NUMBER + "' and r.source_value = s.nino)"
                    + " and not exists (select 1 from person_identifier i where i.system = '" + FhirSystems.NI_NUMBER
                    + "' and i.value = s.nino) group by nino having count(distinct (coalesce(forenames, ''),"
                    + " coalesce(surname, ''), birth_date, coalesce(postcode, ''))) = 1");
            s.execute("create index on benefit_new (first_line)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot find the file's new claimants", e);
        }
        return () -> new java.util.Iterator<>() {
            private int after;
            private List<NewClaimant> next = read();

            @Override
            public boolean hasNext() {
                return !next.isEmpty();
            }

            @Override
            public List<NewClaimant> next() {
                List<NewClaimant> these = next;
                after = these.get(these.size() - 1).firstLine();
                next = read();
                return these;
            }

            private List<NewClaimant> read() {
                List<NewClaimant> found = new java.util.ArrayList<>(chunk);
                try (PreparedStatement page = connection.prepareStatement("select first_line, nino, forenames,"
                        + " surname, birth_date, postcode from benefit_new where first_line > ? order by first_line"
                        + " limit ?")) {
                    page.setInt(1, after);
                    page.setInt(2, chunk);
                    try (ResultSet r = page.executeQuery()) {
                        while (r.next()) {
                            found.add(new NewClaimant(r.getInt(1), r.getString(2), r.getString(3), r.getString(4),
                                    r.getObject(5, LocalDate.class), r.getString(6)));
                        }
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot read the file's new claimants", e);
                }
                return found;
            }
        };
    }

    /** The lines of the details {@link #applyUnchanged} left for the one-by-one path. */
    BitSet remaining() {
        BitSet lines = new BitSet();
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("select line from benefit_stage where not applied")) {
            while (r.next()) {
                lines.set(r.getInt(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the stage", e);
        }
        return lines;
    }

    /**
     * Raises an income change for each award of the file that is suspended or terminated although the same benefit
     * was active the month before, as {@link org.joinedup.hub.alerts.PersonAlert#raise} would one by one (an alert
     * already there for the same cause is brought up to date, a closed one opened again).
     *
     * @return how many awards raised one
     */
    int raiseIncomeChanges(YearMonth month, long messageId) {
        StringBuilder titles = new StringBuilder("(values ");
        BenefitAwardRow.Benefit[] benefits = BenefitAwardRow.Benefit.values();
        for (int i = 0; i < benefits.length; i++) {
            titles.append(i == 0 ? "" : ", ").append("(?, ?)");
        }
        titles.append(") as b (code, title)");
        String changes = "select distinct on (a.person_id, a.nino, a.benefit) a.person_id, a.source_record_id,"
                + " a.nino || '|' || a.benefit || '|' || ? as source_key, b.title"
                + " || case a.status when 'S' then ' suspended' else ' terminated' end || ' in ' || ?"
                + " || ' (active the month before): income has changed' as detail"
                + " from benefit_award a join " + titles + " on b.code = a.benefit"
                + " where a.message_id = ? and a.status in ('S', 'T') and exists (select 1 from benefit_award prior"
                + "   where prior.nino = a.nino and prior.benefit = a.benefit and prior.award_month = ?"
                + "   and prior.status = 'A')";
        try (PreparedStatement raise = connection.prepareStatement(
                org.joinedup.hub.alerts.PersonAlert.raiseAllSql(changes))) {
            int p = 1;
            raise.setString(p++, org.joinedup.model.AgencyKind.BENEFITS.name());
            raise.setString(p++, BenefitsFileApplier.INCOME_CHANGED.name());
            raise.setLong(p++, messageId);
            raise.setString(p++, month.toString());
            raise.setString(p++, month.toString());
            for (BenefitAwardRow.Benefit benefit : benefits) {
                raise.setString(p++, benefit.code());
                raise.setString(p++, benefit.title());
            }
            raise.setLong(p++, messageId);
            raise.setObject(p, month.minusMonths(1).atDay(1));
            return raise.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot raise the file's income changes", e);
        }
    }

    @Override
    public void close() {
        if (copying) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                // the transaction is rolling back anyway; the connection is reset when it is returned
            }
        }
    }

    private static String same(String staged, String held) {
        return " and coalesce(s." + staged + ", " + held + ") is not distinct from " + held;
    }

    private static String filled(String staged, String person) {
        return " and (s." + staged + " is null or " + person + " is not null)";
    }

    private void field(Object value) {
        if (value == null) {
            line.append("\\N");
        } else {
            String text = value.toString();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) { // COPY's text format: the reader has set aside any other control character
                    case '\\' -> line.append("\\\\");
                    case '\t' -> line.append("\\t");
                    case '\n' -> line.append("\\n");
                    case '\r' -> line.append("\\r");
                    default -> line.append(c);
                }
            }
        }
        line.append('\t');
    }

    private void flushBuffer() {
        if (buffer.size() == 0) {
            return;
        }
        try {
            copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the file's details into the stage", e);
        }
        buffer.reset();
    }
}
