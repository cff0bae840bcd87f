package org.joinedup.hub.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ScalarType;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ValueType;

/**
 * HAPI's strict parsing (an element of the wrong type, unknown or invalid is refused, not dropped), with the
 * element it was in at the front of the reason ({@code in servicePeriod: ...}), so the refusal says where.
 */
final class LocatedStrictErrorHandler extends StrictErrorHandler {

    static final String IN = "in ";

    @Override
    public void incorrectJsonType(IParseLocation location, String element, ValueType expected,
            ScalarType expectedScalar, ValueType found, ScalarType foundScalar) {
        located(location, () -> super.incorrectJsonType(location, element, expected, expectedScalar, found,
                foundScalar));
    }

    @Override
    public void invalidValue(IParseLocation location, String value, String error) {
        located(location, () -> super.invalidValue(location, value, error));
    }

    @Override
    public void missingRequiredElement(IParseLocation location, String element) {
        located(location, () -> super.missingRequiredElement(location, element));
    }

    @Override
    public void unexpectedRepeatingElement(IParseLocation location, String element) {
        located(location, () -> super.unexpectedRepeatingElement(location, element));
    }

    @Override
    public void unknownAttribute(IParseLocation location, String attribute) {
        located(location, () -> super.unknownAttribute(location, attribute));
    }

    @Override
    public void unknownElement(IParseLocation location, String element) {
        located(location, () -> super.unknownElement(location, element));
    }

    private static void located(IParseLocation location, Runnable strict) {
        try {
            strict.run();
        } catch (DataFormatException refused) {
            String parent = location == null ? null : location.getParentElementName();
            throw parent == null ? refused : new DataFormatException(IN + parent + ": " + refused.getMessage()
                    .replaceFirst("^HAPI-\\d+: ", ""));
        }
    }
}
