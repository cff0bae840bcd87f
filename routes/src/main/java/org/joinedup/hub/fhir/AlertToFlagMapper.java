package org.joinedup.hub.fhir;

import java.util.Date;

import jakarta.enterprise.context.ApplicationScoped;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.joinedup.fhirmapping.FhirSystems;
import org.joinedup.hub.people.PeopleResource.AlertView;

/** An open alert on a person (rent arrears, income changed, a refused payment...) as a FHIR {@code Flag}. */
@ApplicationScoped
public class AlertToFlagMapper {

    public static final String ALERT_KIND = FhirSystems.HUB_BASE + "/CodeSystem/alert-kind";

    public Flag map(String personId, AlertView alert) {
        Flag flag = new Flag();
        flag.setStatus(Flag.FlagStatus.ACTIVE);
        flag.addCategory(new CodeableConcept(new Coding(FhirSystems.AGENCY_KIND, alert.agency(), null)));
        flag.setCode(new CodeableConcept(new Coding(ALERT_KIND, alert.kind(), null)).setText(alert.detail()));
        flag.setSubject(new Reference("Patient/" + personId));
        flag.setPeriod(new Period().setStart(Date.from(alert.raisedAt())));
        return flag;
    }
}
