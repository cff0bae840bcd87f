package org.joinedup.model.assessment;

import java.util.List;

import org.joinedup.model.AgencyKind;

/**
 * How much money a person can plan with, known up front: the sum of each funding body's indicative share, and for
 * each the arithmetic from answers to pence, so a family and their coordinator can see why.
 */
public record IndicativeBudget(long totalPence, List<Share> shares, String rasVersion) {

    /**
     * One funding body's indicative annual amount (0 when its rule does not apply, with the reason).
     *
     * @param steps the explanation, in order: the points counted and which answers gave them, eligibility, the band,
     *              the multiplication, the floor and the cap
     */
    public record Share(String ruleId, String ruleVersion, AgencyKind agency, String fundingBodyCode,
            String fundingBodyName, RasRule.Money money, boolean eligible, int points, String band, long pence,
            List<String> steps) {
    }
}
