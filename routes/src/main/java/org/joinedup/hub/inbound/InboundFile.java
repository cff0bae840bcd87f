package org.joinedup.hub.inbound;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A file being (or having been) applied, with its progress row by row. */
@Entity
@Table(name = "inbound_file")
public class InboundFile extends PanacheEntityBase {

    @Id
    @Column(name = "message_id")
    public Long messageId;

    public String agency;

    @Column(name = "file_name")
    public String fileName;

    /** RUNNING, DONE, REJECTED or FAILED. */
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public FileStatus status;

    @Column(name = "rows_read")
    public int rowsRead;

    @Column(name = "rows_applied")
    public int rowsApplied;

    @Column(name = "rows_set_aside")
    public int rowsSetAside;

    public String reason;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
