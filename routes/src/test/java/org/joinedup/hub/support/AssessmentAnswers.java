package org.joinedup.hub.support;

import java.util.HashMap;
import java.util.Map;

import org.joinedup.model.assessment.AssessmentDomain;

/** A complete single assessment by linkId, as a coordinator records it with Dave: the answers tests start from. */
public final class AssessmentAnswers {

    private AssessmentAnswers() {
    }

    public static Map<String, Object> daves() {
        Map<String, Object> a = new HashMap<>();
        a.put("what-matters.important", "Being a good dad to Sam and Kayleigh");
        for (AssessmentDomain domain : AssessmentDomain.values()) {
            a.put(domain.needLinkId(), "none");
        }
        a.put("personal-care.need", "substantial"); // 18
        a.put("safety.need", "moderate");           // 10
        a.put("health.need", "substantial");        // 12
        a.put("home.need", "moderate");             // 5
        a.put("health.continuing-care-eligible", true);
        a.put("home.adaptation-needed", true);
        a.put("personal-care.own-words", "Mornings are the hardest.");
        return a;
    }
}
