package org.joinedup.hub.support;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test people share names ("David Hughes") but must not be one person to the hub's identity matching, which would
 * rightly link records with the same names and date of birth: each test person (by its NHS number, NI number or client
 * id) gets its own date of birth, the same every time it is asked for.
 */
public final class TestPeople {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final Map<String, LocalDate> BIRTH_DATES = new ConcurrentHashMap<>();

    private TestPeople() {
    }

    public static String birthDateOf(String key) {
        // 37 days apart: any two differ in at least two of day, month and year, so matching never sees a typing error;
        // and always after the 12th, so no two are each other's day and month swapped (5 October and 10 May, which
        // matching rightly takes for one date typed two ways)
        return BIRTH_DATES.computeIfAbsent(key, k -> {
            LocalDate day;
            do {
                day = LocalDate.of(1940, 1, 1).plusDays(NEXT.getAndIncrement() * 37L);
            } while (day.getDayOfMonth() <= 12);
            return day;
        }).toString();
    }

    /**
     * A birth day for one of thousands of people (a load test's), from the digits of its key: a week apart, within
     * 1940 to 1994, the same every time for the same key.
     */
    public static String bornOn(String key) {
        return LocalDate.of(1940, 1, 1).plusDays(Long.parseLong(key.replaceAll("\\D", "")) * 7 % 20_000).toString();
    }
}
