package org.joinedup.model.assessment;

/**
 * Yes/no facts the assessment records that decide whether a funding body can contribute at all (its RAS rule
 * names the flag it requires).
 */
public enum AssessmentFlag {
    /** the NHS has found the person eligible for continuing healthcare */
    NHS_CONTINUING_CARE_ELIGIBLE("health.continuing-care-eligible", AssessmentDomain.HEALTH,
            "Has the NHS found you eligible for continuing healthcare?"),
    /** the home needs adapting (a disabled facilities grant) */
    HOME_ADAPTATION_NEEDED("home.adaptation-needed", AssessmentDomain.HOME,
            "Does your home need adapting (for example a level-access shower, a stair lift, wider doors)?"),
    /** the person cares for someone else */
    CARING_FOR_OTHERS("family.caring-for-others", AssessmentDomain.FAMILY, "Do you care for someone else?"),
    /** the person wants to work, learn or volunteer and needs support to */
    WANTS_WORK_SUPPORT("work.wants-support", AssessmentDomain.WORK,
            "Would you like support to get into or stay in work, learning or volunteering?");

    private final String linkId;
    private final AssessmentDomain domain;
    private final String question;

    AssessmentFlag(String linkId, AssessmentDomain domain, String question) {
        this.linkId = linkId;
        this.domain = domain;
        this.question = question;
    }

    public String linkId() {
        return linkId;
    }

    public AssessmentDomain domain() {
        return domain;
    }

    public String question() {
        return question;
    }

    /** The flag's name in RAS files: {@code nhs-continuing-care-eligible}. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static AssessmentFlag fromConfigName(String name) {
        for (AssessmentFlag flag : values()) {
            if (flag.configName().equals(name.trim())) {
                return flag;
            }
        }
        throw new IllegalArgumentException("unknown assessment flag '" + name.trim() + "'");
    }
}
