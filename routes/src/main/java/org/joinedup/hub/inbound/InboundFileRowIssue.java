package org.joinedup.hub.inbound;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A row of a file that was set aside: its line number and why. */
@Entity
@Table(name = "inbound_file_row_issue")
public class InboundFileRowIssue extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "message_id")
    public Long messageId;

    @Column(name = "line_number")
    public int lineNumber;

    public String reason;
}
