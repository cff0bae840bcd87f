package org.joinedup.fhirmapping;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.r4.model.Account;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.joinedup.model.BudgetPush;
import org.joinedup.model.BudgetTransaction;
import org.joinedup.model.BudgetTransaction.Entry;
import org.joinedup.model.BudgetTransaction.EntryKind;
import org.joinedup.model.ContributionStatus;
import org.joinedup.model.Limits;
import org.joinedup.model.NhsBudgetType;
import org.joinedup.model.Pence;
import org.joinedup.model.PersonDetails;

/**
 * Reads an NHS body's continuing-care budget push (a FHIR transaction of Patient, Organization, Account and
 * optionally CarePlan) into budgets the hub can apply. Every rule of the NHS interface is checked here, and
 * every breach is reported with the FHIRPath of the element at fault; nothing is applied unless all pass.
 * Stateless and thread-safe.
 */
public final class TransactionBundleToBudgetTransactionMapper {

    private static final String AMOUNT = "extension('" + FhirSystems.BUDGET_AMOUNT_EXTENSION + "')";

    private final PatientToPersonDetailsMapper patientMapper = new PatientToPersonDetailsMapper();

    public BudgetTransaction map(Bundle bundle) {
        IssueCollector issues = new IssueCollector();
        if (bundle.getType() != Bundle.BundleType.TRANSACTION) {
            issues.add("Bundle.type", "must be 'transaction', got '"
                    + (bundle.getType() == null ? "" : bundle.getType().toCode()) + "'");
        }
        if (bundle.getEntry().isEmpty()) {
            issues.add("Bundle.entry", "the transaction has no entries");
        }
        Map<String, PersonDetails> patients = new HashMap<>();
        Map<String, Organisation> organisations = new HashMap<>();
        Set<String> unusable = new HashSet<>();
        List<Entry> entries = new ArrayList<>();
        readPatientsAndOrganisations(bundle, issues, patients, organisations, unusable);

        Map<String, BudgetPush> budgets = new LinkedHashMap<>();
        Map<String, String> carePlanTitles = new HashMap<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
            String path = "Bundle.entry[" + i + "]";
            Resource resource = entry.getResource();
            checkRequest(entry, path, issues);
            if (resource instanceof Patient) {
                PersonDetails person = patients.get(keyOf(entry));
                entries.add(new Entry(EntryKind.PATIENT, person == null ? null : person.nhsNumber().value()));
            } else if (resource instanceof Organization) {
                Organisation organisation = organisations.get(keyOf(entry));
                entries.add(new Entry(EntryKind.ORGANIZATION, organisation == null ? null : organisation.odsCode()));
            } else if (resource instanceof Account account) {
                readAccount(account, entry, path + ".resource", patients, organisations, unusable, issues)
                        .ifPresent(budget -> {
                    if (budgets.putIfAbsent(budget.accountKey(), budget) != null) {
                        issues.add(path + ".resource.identifier",
                                "the budget " + budget.accountKey() + " appears twice in one transaction");
                    }
                    entries.add(new Entry(EntryKind.ACCOUNT, budget.accountKey()));
                });
            } else if (resource instanceof CarePlan carePlan) {
                PersonDetails person = resolve(carePlan.getSubject(), patients, unusable,
                        path + ".resource.subject", "Patient", issues);
                if (person != null) {
                    String title = issues.within(carePlan.hasTitle() ? carePlan.getTitle()
                            : carePlan.getDescription(), Limits.CARE_PLAN_TITLE, path + ".resource.title");
                    carePlanTitles.put(person.nhsNumber().value(), title);
                    entries.add(new Entry(EntryKind.CARE_PLAN, person.nhsNumber().value()));
                }
            } else if (resource == null) {
                issues.add(path + ".resource", "the entry has no resource");
            } else {
                issues.add(path + ".resource", "a budget push holds Patient, Organization, Account and CarePlan, not "
                        + resource.fhirType());
            }
        }
        if (budgets.isEmpty() && issues.isEmpty()) {
            issues.add("Bundle.entry", "the transaction holds no Account: there is no budget to record");
        }
        issues.throwIfAny();
        List<BudgetPush> withPlans = budgets.values().stream()
                .map(b -> withCarePlan(b, carePlanTitles.get(b.person().nhsNumber().value())))
                .toList();
        return new BudgetTransaction(entries, withPlans);
    }

    /**
     * Reads every Patient and Organization first, so Accounts can refer to them in any order. Entries that could
     * not be read are remembered as unusable: a reference to one is not reported again as a second problem.
     */
    private void readPatientsAndOrganisations(Bundle bundle, IssueCollector issues,
            Map<String, PersonDetails> patients, Map<String, Organisation> organisations, Set<String> unusable) {
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
            String path = "Bundle.entry[" + i + "].resource";
            Optional<?> read = Optional.empty();
            if (entry.getResource() instanceof Patient patient) {
                read = patientMapper.map(patient, path, issues);
                read.ifPresent(p -> register(patients, entry, (PersonDetails) p));
            } else if (entry.getResource() instanceof Organization organization) {
                read = readOrganisation(organization, path, issues);
                read.ifPresent(o -> register(organisations, entry, (Organisation) o));
            } else {
                continue;
            }
            if (read.isEmpty()) {
                unusable.add(keyOf(entry));
                unusable.add(entry.getResource().getIdElement().getValue());
            }
        }
    }

    private static <T> void register(Map<String, T> byReference, Bundle.BundleEntryComponent entry, T value) {
        byReference.put(keyOf(entry), value);
        Resource resource = entry.getResource();
        if (resource.hasIdElement() && resource.getIdElement().hasIdPart()) {
            byReference.put(resource.fhirType() + "/" + resource.getIdElement().getIdPart(), value);
            byReference.put(resource.getIdElement().getValue(), value);
        }
        if (value instanceof PersonDetails person) {
            byReference.put("Patient?identifier=" + FhirSystems.NHS_NUMBER + "|" + person.nhsNumber().value(), value);
        } else if (value instanceof Organisation organisation) {
            byReference.put("Organization?identifier=" + FhirSystems.ODS_CODE + "|" + organisation.odsCode(), value);
        }
    }

    private static String keyOf(Bundle.BundleEntryComponent entry) {
        if (entry.hasFullUrl()) {
            return entry.getFullUrl();
        }
        return "entry@" + System.identityHashCode(entry);
    }

    private static void checkRequest(Bundle.BundleEntryComponent entry, String path, IssueCollector issues) {
        if (!entry.hasRequest() || entry.getRequest().getMethod() == null) {
            issues.add(path + ".request.method", "every entry of a transaction needs a request method (POST or PUT)");
            return;
        }
        Bundle.HTTPVerb method = entry.getRequest().getMethod();
        if (method != Bundle.HTTPVerb.POST && method != Bundle.HTTPVerb.PUT) {
            issues.add(path + ".request.method", "a budget push uses POST or PUT, not " + method.toCode());
        }
    }

    private static Optional<Organisation> readOrganisation(Organization organization, String path,
            IssueCollector issues) {
        for (Identifier identifier : organization.getIdentifier()) {
            if (FhirSystems.ODS_CODE.equals(identifier.getSystem())) {
                String code = identifier.getValue();
                if (code == null || !code.matches("[A-Za-z0-9]{3,10}")) {
                    issues.add(path + ".identifier.value", "ODS code '" + code + "' is not 3 to 10 letters or digits");
                    return Optional.empty();
                }
                if (code.matches("[EeWwSsNnKkLlMm]\\d{8}")) {
                    // a council's code in the NHS's place: taken, the trust would be filed as that council
                    issues.add(path + ".identifier.value", "'" + code + "' is an ONS GSS code (a local authority or"
                            + " area), not an ODS code: an NHS body is known by its ODS code, such as RR8");
                    return Optional.empty();
                }
                String name = issues.within(organization.getName(), Limits.ORGANISATION_NAME, path + ".name");
                return name == null && organization.getName() != null ? Optional.empty()
                        : Optional.of(new Organisation(code.toUpperCase(), name));
            }
        }
        issues.add(path + ".identifier", "Organization has no ODS code (identifier with system "
                + FhirSystems.ODS_CODE + ")");
        return Optional.empty();
    }

    private Optional<BudgetPush> readAccount(Account account, Bundle.BundleEntryComponent entry, String path,
            Map<String, PersonDetails> patients, Map<String, Organisation> organisations, Set<String> unusable,
            IssueCollector issues) {
        int before = issues.size();
        Identifier identifier = account.getIdentifier().stream()
                .filter(id -> id.hasSystem() && id.hasValue())
                .findFirst().orElse(null);
        if (identifier == null) {
            issues.add(path + ".identifier", "Account needs an identifier (system and value): the trust's own budget id");
        } else if (issues.within(identifier.getSystem(), Limits.IDENTIFIER_SYSTEM, path + ".identifier.system") != null
                && issues.within(identifier.getValue(), Limits.IDENTIFIER_VALUE, path + ".identifier.value") != null) {
            checkConditionalUrl(entry, identifier, path, issues);
        }
        ContributionStatus status = status(account, path, issues);
        NhsBudgetType type = type(account, path, issues);
        PersonDetails person = resolve(account.getSubjectFirstRep(), patients, unusable, path + ".subject", "Patient",
                issues);
        Organisation owner = resolve(account.getOwner(), organisations, unusable, path + ".owner", "Organization",
                issues);
        LocalDate[] period = period(account.getServicePeriod(), path + ".servicePeriod", issues);
        Pence amount = amount(account, path, issues);
        if (issues.size() > before || identifier == null || person == null || owner == null) {
            return Optional.empty(); // a Patient or Organization already refused above is not named again
        }
        return Optional.of(new BudgetPush(person, owner.odsCode(), owner.name(), identifier.getSystem(),
                identifier.getValue(), status, type, amount, period[0], period[1], null));
    }

    private static void checkConditionalUrl(Bundle.BundleEntryComponent entry, Identifier identifier, String path,
            IssueCollector issues) {
        Bundle.BundleEntryRequestComponent request = entry.getRequest();
        String expected = "identifier=" + identifier.getSystem() + "|" + identifier.getValue();
        if (request.getMethod() == Bundle.HTTPVerb.PUT) {
            String url = request.getUrl();
            if (url == null || !url.startsWith("Account?") || !decode(url.substring("Account?".length())).equals(expected)) {
                issues.add(path.replace(".resource", ".request.url"),
                        "a PUT of a budget must be conditional on its identifier (the Account's identifier.system"
                                + "|identifier.value): expected 'Account?" + expected + "', got '" + url + "'");
            }
        } else if (request.getMethod() == Bundle.HTTPVerb.POST && request.hasIfNoneExist()
                && !decode(request.getIfNoneExist()).equals(expected)) {
            issues.add(path.replace(".resource", ".request.ifNoneExist"),
                    "ifNoneExist must name the Account's own identifier (its identifier.system|identifier.value):"
                            + " expected '" + expected + "', got '"
                            + request.getIfNoneExist() + "'");
        }
    }

    private static String decode(String query) {
        return java.net.URLDecoder.decode(query, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static ContributionStatus status(Account account, String path, IssueCollector issues) {
        if (account.getStatus() == null) {
            issues.add(path + ".status", "Account status is missing (active, inactive or entered-in-error)");
            return null;
        }
        switch (account.getStatus()) {
            case ACTIVE:
                return ContributionStatus.ACTIVE;
            case INACTIVE:
                return ContributionStatus.ENDED;
            case ENTEREDINERROR:
                return ContributionStatus.WITHDRAWN;
            default:
                issues.add(path + ".status", "a budget's status is active, inactive or entered-in-error, not "
                        + account.getStatus().toCode());
                return null;
        }
    }

    private static NhsBudgetType type(Account account, String path, IssueCollector issues) {
        for (Coding coding : account.getType().getCoding()) {
            if (FhirSystems.BUDGET_TYPE.equals(coding.getSystem())) {
                Optional<NhsBudgetType> type = NhsBudgetType.fromCode(coding.getCode());
                if (type.isEmpty()) {
                    issues.add(path + ".type.coding.code", "budget type '" + coding.getCode()
                            + "' is not one of phb-notional, phb-third-party, phb-direct-payment");
                    return null;
                }
                return type.get();
            }
        }
        issues.add(path + ".type", "Account type needs a coding whose system is " + FhirSystems.BUDGET_TYPE);
        return null;
    }

    private static <T> T resolve(Reference reference, Map<String, T> inBundle, Set<String> unusable, String path,
            String resourceType, IssueCollector issues) {
        String target = reference == null ? null : reference.getReference();
        if (target == null && reference != null && reference.getResource() != null) {
            target = reference.getResource().getIdElement().getValue();
        }
        if (target == null || target.isBlank()) {
            issues.add(path, "must reference the " + resourceType + " of this transaction");
            return null;
        }
        T found = inBundle.get(target);
        if (found == null && !unusable.contains(target)) {
            issues.add(path, "'" + target + "' does not name a valid " + resourceType + " of this transaction (a"
                    + " reference names an entry by its fullUrl)");
        }
        return found;
    }

    private static LocalDate[] period(Period period, String path, IssueCollector issues) {
        LocalDate start = issues.plausible(day(period == null ? null : period.getStartElement().getValueAsString(),
                path + ".start", issues), path + ".start");
        LocalDate end = issues.plausible(day(period == null ? null : period.getEndElement().getValueAsString(),
                path + ".end", issues), path + ".end");
        if (start == null) {
            issues.add(path + ".start", "the budget's service period needs a start date");
        }
        if (end == null) {
            issues.add(path + ".end", "the budget's service period needs an end date");
        }
        if (start != null && end != null && end.isBefore(start)) {
            issues.add(path + ".end", "the service period ends (" + end + ") before it starts (" + start + ")");
        }
        return new LocalDate[] {start, end};
    }

    private static LocalDate day(String value, String path, IssueCollector issues) {
        if (value == null || value.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(value.substring(0, 10));
        } catch (java.time.format.DateTimeParseException e) {
            issues.add(path, "'" + value + "' is not a date");
            return null;
        }
    }

    private static Pence amount(Account account, String path, IssueCollector issues) {
        Extension extension = account.getExtensionByUrl(FhirSystems.BUDGET_AMOUNT_EXTENSION);
        String at = path + "." + AMOUNT;
        if (extension == null) {
            issues.add(at, "the Account has no budget amount (an extension whose url is "
                    + FhirSystems.BUDGET_AMOUNT_EXTENSION + ")");
            return null;
        }
        if (!(extension.getValue() instanceof Money money)) {
            issues.add(at + ".value", "the budget amount must be a valueMoney");
            return null;
        }
        if (!FhirSystems.GBP.equals(money.getCurrency())) {
            issues.add(at + ".valueMoney.currency", "the budget amount must be in GBP, got '" + money.getCurrency() + "'");
            return null;
        }
        BigDecimal value = money.getValue();
        if (value == null) {
            issues.add(at + ".valueMoney.value", "the budget amount has no value");
            return null;
        }
        if (value.signum() < 0) {
            issues.add(at + ".valueMoney.value", "the budget amount must not be negative, got " + value.toPlainString());
            return null;
        }
        if (value.compareTo(BigDecimal.valueOf(Limits.MAX_PENCE).movePointLeft(2)) > 0) {
            issues.add(at + ".valueMoney.value", "is more than any amount the hub takes ("
                    + new Pence(Limits.MAX_PENCE) + "), got " + value.toPlainString());
            return null;
        }
        try {
            return Pence.ofPounds(value);
        } catch (IllegalArgumentException | ArithmeticException e) {
            issues.add(at + ".valueMoney.value", e.getMessage());
            return null;
        }
    }

    private static BudgetPush withCarePlan(BudgetPush b, String carePlanTitle) {
        return carePlanTitle == null ? b
                : new BudgetPush(b.person(), b.ownerOdsCode(), b.ownerName(), b.accountSystem(), b.accountValue(),
                        b.status(), b.type(), b.amount(), b.periodStart(), b.periodEnd(), carePlanTitle);
    }

    private record Organisation(String odsCode, String name) {
    }
}
