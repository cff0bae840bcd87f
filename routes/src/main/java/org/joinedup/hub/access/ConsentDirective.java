package org.joinedup.hub.access;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.joinedup.model.access.Category;
import org.joinedup.model.access.ConsentRule;
import org.joinedup.model.access.Purpose;
import org.joinedup.model.access.RecipientKind;

/** A person's decision about sharing, as recorded; written by {@link Consents} alone. */
@Entity
@Table(name = "consent_directive")
public class ConsentDirective extends PanacheEntityBase {

    public static final String ACTIVE = "active";
    public static final String INACTIVE = "inactive";

    @Id
    public UUID id;

    @Column(name = "person_id")
    public UUID personId;

    public String status;

    /** {@code permit} or {@code deny}. */
    public String provision;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] organisations = new String[0];

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] recipients = new String[0];

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] purposes = new String[0];

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] categories = new String[0];

    @Column(name = "period_start")
    public Instant periodStart;

    @Column(name = "period_end")
    public Instant periodEnd;

    /** The person themselves, or the proxy's name. */
    @Column(name = "decided_by")
    public String decidedBy;

    /** A proxy's authority (PARENT, APPOINTEE, ATTORNEY, DEPUTY), or null when the person decided. */
    @Column(name = "proxy_authority")
    public String proxyAuthority;

    @Column(name = "recorded_by")
    public String recordedBy;

    @Column(name = "recorded_by_org")
    public String recordedByOrg;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    @Column(name = "withdrawn_by")
    public String withdrawnBy;

    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;

    public int version;

    /** The rule the access decision applies. */
    public ConsentRule rule() {
        return new ConsentRule("deny".equals(provision) ? ConsentRule.Type.DENY : ConsentRule.Type.PERMIT,
                Set.of(organisations),
                Arrays.stream(recipients).map(r -> RecipientKind.parse(r).orElseThrow()).collect(Collectors.toSet()),
                Arrays.stream(purposes).map(p -> Purpose.parse(p).orElseThrow()).collect(Collectors.toSet()),
                Arrays.stream(categories).map(c -> Category.parse(c).orElseThrow()).collect(Collectors.toSet()),
                periodStart, periodEnd);
    }
}
