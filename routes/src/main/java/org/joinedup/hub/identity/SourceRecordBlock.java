package org.joinedup.hub.identity;

import java.io.Serializable;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One blocking key of a source record (see {@link org.joinedup.model.identity.BlockingRule}). */
@Entity
@Table(name = "source_record_block")
@IdClass(SourceRecordBlock.Key.class)
public class SourceRecordBlock {

    @Id
    @Column(name = "block_key")
    public String blockKey;

    @Id
    @Column(name = "source_record_id")
    public UUID sourceRecordId;

    public static class Key implements Serializable {
        public String blockKey;
        public UUID sourceRecordId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && blockKey.equals(k.blockKey) && sourceRecordId.equals(k.sourceRecordId);
        }

        @Override
        public int hashCode() {
            return blockKey.hashCode() * 31 + sourceRecordId.hashCode();
        }
    }
}
