package org.joinedup.hub.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.FormParam;

import org.joinedup.hub.people.PeopleResource.PersonView;

/** A one-off payment as the coordinator types it, checked field by field; the amount in pounds. */
public class OneOffForm {

    @FormParam("reference")
    public String reference;

    @FormParam("contributionId")
    public String contributionId;

    @FormParam("category")
    public String category;

    @FormParam("payee")
    public String payee;

    @FormParam("amount")
    public String amount;

    @FormParam("paidOn")
    public String paidOn;

    public final Map<String, String> errors = new LinkedHashMap<>();

    public OneOffForm check(PersonView person, Set<String> categories) {
        errors.clear();
        if (contributionId == null || person.contributions().stream().noneMatch(c -> c.id().equals(contributionId)
                && "ACTIVE".equals(c.status()))) {
            errors.put("contributionId", "Select whose money pays");
        }
        if (category == null || !categories.contains(category)) {
            errors.put("category", "Select what the money is for");
        }
        if (payee == null || payee.isBlank()) {
            errors.put("payee", "Enter who is paid");
        } else if (payee.length() > 300) {
            errors.put("payee", "Who is paid must be 300 characters or fewer");
        }
        Long pence = PlanLineForm.pence(amount);
        if (pence == null || pence <= 0) {
            errors.put("amount", "Enter the amount in pounds, like 45 or 45.50");
        }
        try {
            if (paidOn == null || paidOn.isBlank()) {
                errors.put("paidOn", "Enter the day it is paid");
            } else {
                LocalDate.parse(paidOn.strip());
            }
        } catch (DateTimeParseException notADate) {
            errors.put("paidOn", "Enter the day as year-month-day, for example 2026-12-01");
        }
        if (reference == null || !reference.matches("one-off-[0-9a-f-]{36}")) {
            // the form's own reference is what makes a resent form pay once: without it, nothing is paid
            errors.put("amount", "This form has expired: start the payment again");
            reference = "one-off-" + java.util.UUID.randomUUID();
        }
        return this;
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    public long pence() {
        return PlanLineForm.pence(amount);
    }
}
