package org.joinedup.hub.people;

/**
 * Another transaction changed what this one read (for example it created the person this record is about) between
 * the read and the write: a transient failure, retried by the hub's error policy, which then reads again.
 */
public class RecordChangedMeanwhileException extends RuntimeException {

    public RecordChangedMeanwhileException(String message) {
        super(message);
    }
}
