package dev.weir.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocatedJsonTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\": 1, \"b\": -2147483649, \"c\": 123456789012345678901234567890, \"d\": 2.5, \"e\": 1e400}",
        "{\"s\": \"caf\\u00e9 \\\"q\\\" \\n\", \"t\": true, \"f\": false, \"n\": null, \"z\": -0.0}",
        "{\"steps\": [{\"at_s\": 0, \"kbps\": 1000}, {\"at_s\": 3.25, \"kbps\": [1, [2, {}], []]}]}",
        "[1, 2.0, \"x\"]", "\"just a string\"", "42", "{}"})
    void shouldBuildTheTreeObjectMapperReadTreeBuilds(String json) throws Exception {
        assertEquals(new ObjectMapper().readTree(json), LocatedJson.parse(json, "test.json").root());
    }

    @Test
    void shouldRecordTheLineOfEveryFieldAndElement() {
        LocatedJson document = LocatedJson.parse("{\"a\": 1,\n \"b\": {\n  \"c\": [\n   5,\n   6]}}", "test.json");
        assertEquals(1, document.lineOf(""));
        assertEquals(1, document.lineOf("a"));
        assertEquals(2, document.lineOf("b"));
        assertEquals(3, document.lineOf("b.c"));
        assertEquals(4, document.lineOf("b.c[0]"));
        assertEquals(5, document.lineOf("b.c[1]"));
        assertEquals(3, document.lineOf("b.c.missing"), "a missing field reports its parent's line");
    }

    @Test
    void shouldRejectTrailingContentEmptyDocumentsAndDuplicateKeysWithTheirLine() {
        ScenarioException trailing = assertThrows(ScenarioException.class,
                () -> LocatedJson.parse("{\"a\": 1}\n{\"b\": 2}", "test.json"));
        assertTrue(trailing.getMessage().startsWith("test.json: line 2, column "), trailing.getMessage());
        assertTrue(trailing.getMessage().contains("malformed JSON: Trailing token"), trailing.getMessage());
        ScenarioException empty = assertThrows(ScenarioException.class, () -> LocatedJson.parse(" \n ", "test.json"));
        assertTrue(empty.getMessage().contains("empty document"), empty.getMessage());
        ScenarioException duplicate = assertThrows(ScenarioException.class,
                () -> LocatedJson.parse("{\"a\": 1,\n \"a\": 2}", "test.json"));
        assertTrue(duplicate.getMessage().contains("line 2") && duplicate.getMessage().contains("Duplicate field 'a'"),
                duplicate.getMessage());
    }
}
