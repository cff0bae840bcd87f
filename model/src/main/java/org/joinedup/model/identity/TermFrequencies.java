package org.joinedup.model.identity;

/**
 * How common a name is among the records the hub holds, as a share of them (0.012 for a surname one record in 83
 * has). An exact match on a common name is weaker evidence than one on a rare name; the model adjusts by it.
 */
public interface TermFrequencies {

    /** The share of records with this normalised value, or 0 when it is not known (no adjustment is made). */
    double share(Comparison comparison, String value);

    TermFrequencies NONE = (comparison, value) -> 0.0;
}
