package org.joinedup.model.value;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Costs before and after personal budgets, per council and over everyone, as the Demos report's Table 2 gives them: a
 * comparison counts only people with both figures (the annual cost of their traditional package, and of their
 * personal budget) and says how many were left out. Averages are exact to the penny, half up; the difference is the
 * personal budget's average less the traditional one's (negative: the budgets cost less), as a reader of the two
 * averages would work it out. {@code all} averages everyone counted, not the councils' averages.
 */
public final class ValueReport {

    /** One person's figures: their council (a GSS code, or a name the register does not know, as written). */
    public record Person(String council, String councilName, boolean known, Long traditionalPence,
            Long personalBudgetPence) {

        boolean both() {
            return traditionalPence != null && personalBudgetPence != null;
        }
    }

    /**
     * The figures for a group of people; the averages and difference are null when nobody had both figures.
     * {@code less}, {@code more} and {@code same}: how many got a personal budget costing less than, more than or
     * the same as their traditional package; {@code distribution}: how many people's difference fell in each band.
     */
    public record Totals(int people, int leftOut, Long traditionalAveragePence, Long personalBudgetAveragePence,
            Long differencePence, int less, int more, int same, List<Band> distribution) {
    }

    /** People whose personal budget less their traditional package was at least {@code fromPence}, below {@code toPence}. */
    public record Band(long fromPence, long toPence, int people) {
    }

    public record CouncilTotals(String council, String name, boolean known, Totals totals) {
    }

    public record Report(List<CouncilTotals> councils, Totals all) {
    }

    /** The width of a band of the distribution: £1,000 a year. */
    public static final long BAND_PENCE = 100_000;

    private ValueReport() {
    }

    public static Report of(List<Person> people) {
        Map<String, List<Person>> byCouncil = new LinkedHashMap<>();
        for (Person person : people) {
            byCouncil.computeIfAbsent(person.council(), c -> new ArrayList<>()).add(person);
        }
        List<CouncilTotals> councils = new ArrayList<>();
        byCouncil.forEach((council, theirs) -> councils.add(new CouncilTotals(council, theirs.get(0).councilName(),
                theirs.get(0).known(), totals(theirs))));
        councils.sort(Comparator.comparing(CouncilTotals::name, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(CouncilTotals::council));
        return new Report(councils, totals(people));
    }

    private static Totals totals(List<Person> people) {
        long traditional = 0;
        long budgets = 0;
        int counted = 0;
        int less = 0;
        int more = 0;
        int same = 0;
        TreeMap<Long, Integer> bands = new TreeMap<>();
        for (Person person : people) {
            if (!person.both()) {
                continue;
            }
            counted++;
            traditional = Math.addExact(traditional, person.traditionalPence());
            budgets = Math.addExact(budgets, person.personalBudgetPence());
            long difference = person.personalBudgetPence() - person.traditionalPence();
            if (difference < 0) {
                less++;
            } else if (difference > 0) {
                more++;
            } else {
                same++;
            }
            bands.merge(Math.floorDiv(difference, BAND_PENCE), 1, Integer::sum);
        }
        List<Band> distribution = new ArrayList<>();
        bands.forEach((band, n) -> distribution.add(new Band(band * BAND_PENCE, (band + 1) * BAND_PENCE, n)));
        if (counted == 0) {
            return new Totals(0, people.size(), null, null, null, 0, 0, 0, List.of());
        }
        long traditionalAverage = averageHalfUp(traditional, counted);
        long budgetAverage = averageHalfUp(budgets, counted);
        return new Totals(counted, people.size() - counted, traditionalAverage, budgetAverage,
                budgetAverage - traditionalAverage, less, more, same, distribution);
    }

    /** {@code sum / n} to the penny, half up (exactly: no floating point). */
    static long averageHalfUp(long sum, int n) {
        return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(n), 0, RoundingMode.HALF_UP).longValueExact();
    }
}
