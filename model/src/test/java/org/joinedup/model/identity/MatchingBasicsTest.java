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
