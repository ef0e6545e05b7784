package dev.weir.bwe.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SequenceUnwrapperTest {

    @Test
    void shouldCountOnAcrossTheSixteenBitWrap() {
        SequenceUnwrapper unwrapper = new SequenceUnwrapper();
        assertEquals(65_534, unwrapper.unwrap(65_534));
        assertEquals(65_535, unwrapper.unwrap(65_535));
        assertEquals(65_536, unwrapper.unwrap(0));
        assertEquals(65_537, unwrapper.unwrap(1));
    }

    @Test
    void shouldMapReorderedPacketsBeforeTheWrapBackwards() {
        SequenceUnwrapper unwrapper = new SequenceUnwrapper();
        unwrapper.unwrap(65_535);
        assertEquals(65_537, unwrapper.unwrap(1));
        assertEquals(65_534, unwrapper.unwrap(65_534));
        assertEquals(65_538, unwrapper.unwrap(2));
    }

    @Test
    void shouldUseOnlyTheLowSixteenBits() {
        SequenceUnwrapper unwrapper = new SequenceUnwrapper();
        assertEquals(5, unwrapper.unwrap((7L << 16) | 5));
        assertEquals(6, unwrapper.unwrap(-65_530L));
    }

    @Test
    void shouldStartAfreshAfterReset() {
        SequenceUnwrapper unwrapper = new SequenceUnwrapper();
        unwrapper.unwrap(65_535);
        unwrapper.unwrap(10);
        unwrapper.reset();
        assertEquals(10, unwrapper.unwrap(10));
    }
}
