package org.joinedup.fhirmapping;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.joinedup.model.assessment.AssessmentDomain;
import org.joinedup.model.assessment.AssessmentFlag;

/**
 * The hub's single assessment as a FHIR R4 {@code Questionnaire}: it starts from what matters to the person, then
 * covers the domains that span the agencies, each with a scored question (answer options carry their points as
 * {@code ordinalValue}) and the person's own words; yes/no questions record what decides whether a funding body can
 * contribute. One version at a time is current; a changed assessment is a new version.
 */
public final class SingleAssessmentQuestionnaire {

    public static final String ID = "single-assessment";
    public static final String VERSION = "1.0.0";
    public static final String WHAT_MATTERS = "what-matters";
    public static final String IMPORTANT = "what-matters.important";
    public static final String FUTURE = "what-matters.future";
    public static final String WORKING = "what-matters.working";
    public static final String NOT_WORKING = "what-matters.not-working";

    private SingleAssessmentQuestionnaire() {
    }

    /** The canonical reference a response names: {@code url|version}. */
    public static String canonical() {
        return FhirSystems.SINGLE_ASSESSMENT + "|" + VERSION;
    }

    public static Questionnaire build() {
        Questionnaire q = new Questionnaire();
        q.setId(ID);
        q.setUrl(FhirSystems.SINGLE_ASSESSMENT);
        q.setVersion(VERSION);
        q.setName("JoinedUpSingleAssessment");
        q.setTitle("One assessment for every agency: what matters to you, and the support you need");
        q.setStatus(PublicationStatus.ACTIVE);
        q.setPublisher("JoinedUp");
        q.addSubjectType("Patient");
        q.setDescription("Completed once, with the person or by them (self-assessment), and read by every agency "
                + "involved. Scored questions carry points, as council self-assessment points systems do; the "
                + "Resource Allocation System turns the points into an indicative budget per funding body.");

        QuestionnaireItemComponent matters = q.addItem().setLinkId(WHAT_MATTERS).setText("What matters to you")
                .setType(QuestionnaireItemType.GROUP).setRequired(true);
        matters.addItem().setLinkId(IMPORTANT).setText("What is important to you?").setType(QuestionnaireItemType.TEXT)
                .setRequired(true);
        matters.addItem().setLinkId(FUTURE).setText("Where do you want to be in life?")
                .setType(QuestionnaireItemType.TEXT);
        matters.addItem().setLinkId(WORKING).setText("What is working in your life?")
                .setType(QuestionnaireItemType.TEXT);
        matters.addItem().setLinkId(NOT_WORKING).setText("What is not working?").setType(QuestionnaireItemType.TEXT);

        for (AssessmentDomain domain : AssessmentDomain.values()) {
            QuestionnaireItemComponent group = q.addItem().setLinkId(domain.code()).setText(domain.title())
                    .setType(QuestionnaireItemType.GROUP).setRequired(true);
            QuestionnaireItemComponent need = group.addItem().setLinkId(domain.needLinkId())
                    .setText("How much support do you need with " + domain.title().toLowerCase(java.util.Locale.UK)
                            + "?")
                    .setType(QuestionnaireItemType.CHOICE).setRequired(true);
            for (AssessmentDomain.Need level : AssessmentDomain.Need.values()) {
                Coding coding = new Coding(FhirSystems.SUPPORT_NEED, level.code(), level.display());
                coding.addExtension(FhirSystems.ORDINAL_VALUE, new DecimalType(domain.points(level)));
                need.addAnswerOption().setValue(coding);
            }
            for (AssessmentFlag flag : AssessmentFlag.values()) {
                if (flag.domain() == domain) {
                    group.addItem().setLinkId(flag.linkId()).setText(flag.question())
                            .setType(QuestionnaireItemType.BOOLEAN);
                }
            }
            group.addItem().setLinkId(domain.ownWordsLinkId()).setText("In your own words")
                    .setType(QuestionnaireItemType.TEXT);
        }
        return q;
    }
}
