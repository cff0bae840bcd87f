package org.joinedup.hub.support;

import java.math.BigDecimal;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.hl7.fhir.r4.model.Account;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/**
 * Builds continuing-care budget pushes the way a trust's system would: a transaction of Patient, Organization and
 * Account with conditional PUTs. Each test takes fresh NHS numbers and budget ids so tests never share data.
 */
public final class BudgetBundles {

    public static final String NHS = "https://fhir.nhs.uk/Id/nhs-number";
    public static final String ODS = "https://fhir.nhs.uk/Id/ods-organization-code";
    public static final String AMOUNT = "https://joinedup.org.uk/fhir/StructureDefinition/budget-amount";
    public static final String BUDGET_TYPE = "https://joinedup.org.uk/fhir/CodeSystem/budget-type";
    public static final String VERIFICATION =
            "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus";
    public static final String VERIFICATION_SYSTEM =
            "https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland";

    private static final AtomicLong NEXT = new AtomicLong(ThreadLocalRandom.current().nextLong(100_000_000, 800_000_000));

    private BudgetBundles() {
    }

    /** A fresh NHS number with a correct modulus-11 check digit. */
    public static String newNhsNumber() {
        while (true) {
            String nine = Long.toString(NEXT.getAndIncrement());
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (nine.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 11) {
                check = 0;
            }
            if (check != 10) {
                return nine + check;
            }
        }
    }

    /** The same number with its check digit made wrong. */
    public static String withWrongCheckDigit(String nhsNumber) {
        int last = nhsNumber.charAt(9) - '0';
        return nhsNumber.substring(0, 9) + ((last + 1) % 10);
    }

    public static String newBudgetId() {
        return "PHB-" + NEXT.getAndIncrement();
    }

    /** An active notional budget of {@code pounds} for 2026-04-01 to 2027-03-31. */
    public static Bundle push(String nhsNumber, String odsCode, String budgetId, String pounds) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);

        Patient patient = new Patient();
        patient.addIdentifier().setSystem(NHS).setValue(nhsNumber)
                .addExtension(VERIFICATION, new CodeableConcept(new Coding(VERIFICATION_SYSTEM, "01", null)));
        patient.addName().setFamily("Hughes").addGiven("David");
        patient.getBirthDateElement().setValueAsString(TestPeople.birthDateOf(nhsNumber));
        patient.addAddress().setPostalCode("OL1 1XX");
        bundle.addEntry().setFullUrl("urn:uuid:patient-" + nhsNumber).setResource(patient).getRequest()
                .setMethod(Bundle.HTTPVerb.PUT).setUrl("Patient?identifier=" + NHS + "|" + nhsNumber);

        Organization trust = new Organization();
        trust.addIdentifier().setSystem(ODS).setValue(odsCode);
        trust.setName("Trust " + odsCode);
        bundle.addEntry().setFullUrl("urn:uuid:org-" + odsCode).setResource(trust).getRequest()
                .setMethod(Bundle.HTTPVerb.PUT).setUrl("Organization?identifier=" + ODS + "|" + odsCode);

        bundle.addEntry().setFullUrl("urn:uuid:account-" + budgetId)
                .setResource(account(nhsNumber, odsCode, budgetId, pounds))
                .getRequest().setMethod(Bundle.HTTPVerb.PUT)
                .setUrl("Account?identifier=" + budgetSystem(odsCode) + "|" + budgetId);
        return bundle;
    }

    public static Account account(String nhsNumber, String odsCode, String budgetId, String pounds) {
        Account account = new Account();
        account.addIdentifier().setSystem(budgetSystem(odsCode)).setValue(budgetId);
        account.setStatus(Account.AccountStatus.ACTIVE);
        account.setType(new CodeableConcept(new Coding(BUDGET_TYPE, "phb-notional", null)));
        account.addSubject(new Reference("urn:uuid:patient-" + nhsNumber));
        account.setOwner(new Reference("urn:uuid:org-" + odsCode));
        Period period = new Period();
        period.getStartElement().setValueAsString("2026-04-01");
        period.getEndElement().setValueAsString("2027-03-31");
        account.setServicePeriod(period);
        account.addExtension(AMOUNT, new Money().setCurrency("GBP").setValue(new BigDecimal(pounds)));
        return account;
    }

    public static String budgetSystem(String odsCode) {
        return "https://" + odsCode.toLowerCase() + ".nhs.uk/Id/phb";
    }

    /** The Account of a bundle built by {@link #push}. */
    public static Account accountOf(Bundle bundle) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Account.class::isInstance).map(Account.class::cast).findFirst().orElseThrow();
    }
}
