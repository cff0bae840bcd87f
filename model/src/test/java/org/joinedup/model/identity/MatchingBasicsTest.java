package org.joinedup.model.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MatchingBasicsTest {

    @ParameterizedTest
    @CsvSource({ "MARTHA,MARHTA,0.961", "DWAYNE,DUANE,0.840", "DIXON,DICKSONX,0.813", "JONES,JONES,1.0",
            "ABC,XYZ,0.0" })
    void jaroWinklerGivesTheTextbookValues(String a, String b, double expected) {
        assertEquals(expected, JaroWinkler.similarity(a, b), 0.001);
        assertEquals(expected, JaroWinkler.similarity(b, a), 0.001);
    }

    @Test
    void namesAreComparedWithoutCaseAccentsPunctuationOrMiddleNames() {
        assertEquals("MARY", Names.givenName("  mary-jane Ann "));
        assertEquals("ZOE", Names.givenName("Zoë"));
        assertEquals("ONEILSMITH", Names.familyName("O'Neil-Smith"));
        assertEquals("HUGHES", Names.familyName(" hughes "));
        assertNull(Names.givenName("  - "));
        assertNull(Names.familyName(null));
    }

    @Test
    void postcodesAreNormalisedAndSplitIntoSectorAndDistrict() {
        assertEquals("OL11XX", Postcodes.normalise(" ol1 1xx"));
        assertEquals("SW1A1AA", Postcodes.normalise("SW1A 1AA"));
        assertNull(Postcodes.normalise("not a postcode"));
        assertEquals("OL11", Postcodes.sector("OL11XX"));
        assertEquals("OL1", Postcodes.district("OL11XX"));
        assertEquals("SW1A", Postcodes.district("SW1A1AA"));
    }

    /** The same postcode in its three forms: stored as written, matched when UK-shaped, shown with its space. */
    @Test
    void aPostcodeIsStoredCompactAndShownWithOneSpaceBeforeTheInwardCode() {
        assertEquals("OL11XX", Postcodes.compact(" ol1  1xx "));
        assertEquals("BFPO123", Postcodes.compact("BFPO 123"), "kept as written even when not UK-shaped");
        assertNull(Postcodes.compact("   "));
        assertEquals("OL1 1XX", Postcodes.display("ol11xx"));
        assertEquals("SW1A 1AA", Postcodes.display("SW1A1AA"));
        assertEquals("M1 1AE", Postcodes.display("m11ae"));
        assertEquals("GIBRALTAR", Postcodes.display("Gibraltar"), "too long to be split: compact");
        assertNull(Postcodes.display(null));
    }

    @Test
    void nicknamesKnowTheUsualShortForms() {
        Nicknames nicknames = Nicknames.english();
        assertTrue(nicknames.same("DAVE", "DAVID"));
        assertTrue(nicknames.same("BILL", "WILLIAM"));
        assertTrue(nicknames.same("KATE", "CATHERINE"));
        assertFalse(nicknames.same("DAVE", "WILLIAM"));
        assertFalse(nicknames.same("UNKNOWN", "DAVID"));
    }
}
